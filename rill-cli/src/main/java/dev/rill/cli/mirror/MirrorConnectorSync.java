package dev.rill.cli.mirror;

import dev.rill.cli.rest.ConfigChanges;
import dev.rill.cli.rest.ConnectClientException;
import dev.rill.cli.rest.ConnectRestClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.rill.cli.rest.ConnectRestClient.segment;

/**
 * Puts the connectors of the flows into one target cluster on the distributed worker group of that target, through
 * the REST API of this process's worker (which forwards writes to the group's leader). A connector whose config in
 * the group is already the same is left alone, so a second {@code rill mirror} process, or a restart, restarts
 * nothing; mirror connectors of flows no longer in the file are deleted. While the group rebalances the worker
 * answers 409, and the call is retried, at growing intervals, until the deadline.
 */
public final class MirrorConnectorSync {
    /** What applying one connector did. */
    public enum Result { CREATED, UPDATED, UNCHANGED, DELETED }

    private static final String MIRROR_PREFIX = "mirror-";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final ConnectRestClient rest;

    /** @param restUrl this process's worker, e.g. {@code http://localhost:40123/} */
    public MirrorConnectorSync(String restUrl) {
        this.rest = new ConnectRestClient(URI.create(restUrl), Duration.ofSeconds(60),
                "the mirror's own Connect worker did not answer; see the log above");
    }

    /**
     * Applies the connector configs of {@code flows} (all into {@code target}) and deletes other mirror connectors
     * into {@code target}; returns what happened per connector name.
     *
     * @throws IllegalStateException when the worker refuses a config or does not accept it before the deadline
     */
    public Map<String, Result> apply(String target, List<MirrorPlan.Flow> flows, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Result> results = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>();
        for (MirrorPlan.Flow flow : flows) {
            for (Map<String, String> config : flow.connectors()) {
                wanted.add(config.get("name"));
                results.put(config.get("name"), retrying(() -> put(config), deadline));
            }
        }
        List<String> existing = retrying(this::connectorNames, deadline);
        for (String name : existing) {
            if (name.startsWith(MIRROR_PREFIX) && name.endsWith("-to-" + target) && !wanted.contains(name)) {
                retrying(() -> rest.delete("/connectors/" + segment(name)), deadline);
                results.put(name, Result.DELETED);
            }
        }
        return results;
    }

    private Result put(Map<String, String> config) {
        String path = "/connectors/" + segment(config.get("name")) + "/config";
        ConnectRestClient.Response current = rest.get(path, Set.of(404));
        if (current.status() == 200 && ConfigChanges.changedKeys(current.object(), config).isEmpty()) {
            return Result.UNCHANGED;
        }
        return rest.put(path, config).status() == 201 ? Result.CREATED : Result.UPDATED;
    }

    @SuppressWarnings("unchecked")
    private List<String> connectorNames() {
        return (List<String>) rest.get("/connectors").body();
    }

    /**
     * Runs {@code call} until it succeeds; a temporary failure (409 while the group rebalances, 5xx, no answer) is
     * asked again after a pause that doubles from 100 ms to 2 s, until the deadline. Any other refusal is final.
     */
    private static <T> T retrying(Supplier<T> call, long deadline) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return call.get();
            } catch (ConnectClientException e) {
                if (!e.temporary()) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                failures.add(e.getMessage());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the mirror's Connect worker did not accept the flows' "
                            + "connectors in time; last answers: " + failures.stream().skip(Math.max(0,
                            failures.size() - 3)).collect(Collectors.joining("; ")), e);
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
