package dev.rill.cli.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts the connectors of the flows into one target cluster on the distributed worker group of that target, through
 * the REST API of this process's worker (which forwards writes to the group's leader). A connector whose config in
 * the group is already the same is left alone, so a second {@code rill mirror} process, or a restart, restarts
 * nothing; mirror connectors of flows no longer in the file are deleted. While the group rebalances the worker
 * answers 409, and the call is retried until the deadline.
 */
public final class MirrorConnectorSync {
    /** What applying one connector did. */
    public enum Result { CREATED, UPDATED, UNCHANGED, DELETED }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MIRROR_PREFIX = "mirror-";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** @param restUrl this process's worker, e.g. {@code http://localhost:40123/} */
    public MirrorConnectorSync(String restUrl) {
        this.base = restUrl.replaceAll("/+$", "");
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
        Map<String, Result> results = new java.util.LinkedHashMap<>();
        Set<String> wanted = new java.util.HashSet<>();
        for (MirrorPlan.Flow flow : flows) {
            for (Map<String, String> config : flow.connectors()) {
                wanted.add(config.get("name"));
                results.put(config.get("name"), retrying(() -> put(config), deadline));
            }
        }
        List<String> existing = retrying(this::connectorNames, deadline);
        for (String name : existing) {
            if (name.startsWith(MIRROR_PREFIX) && name.endsWith("-to-" + target) && !wanted.contains(name)) {
                retrying(() -> send("DELETE", "/connectors/" + segment(name), null), deadline);
                results.put(name, Result.DELETED);
            }
        }
        return results;
    }

    private Result put(Map<String, String> config) throws IOException, InterruptedException {
        String path = "/connectors/" + segment(config.get("name")) + "/config";
        HttpResponse<String> current = send("GET", path, null);
        if (current.statusCode() == 200 && sameConfig(current.body(), config)) {
            return Result.UNCHANGED;
        }
        HttpResponse<String> put = send("PUT", path, JSON.writeValueAsString(config));
        return put.statusCode() == 201 ? Result.CREATED : Result.UPDATED;
    }

    private static boolean sameConfig(String body, Map<String, String> wanted) throws JsonProcessingException {
        Map<String, Object> current = JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        Map<String, String> asText = new HashMap<>();
        current.forEach((k, v) -> asText.put(k, v == null ? null : v.toString()));
        return asText.equals(wanted);
    }

    private List<String> connectorNames() throws IOException, InterruptedException {
        return JSON.readValue(send("GET", "/connectors", null).body(), new TypeReference<List<String>>() { });
    }

    /** Sends a request; 409 (rebalancing) and 5xx become {@link Retry}, other failures an exception. */
    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 409 || status >= 500) {
            throw new Retry(method + " " + path + " answered " + status + ": " + response.body());
        }
        if (status >= 400 && !(status == 404 && method.equals("GET"))) {
            throw new IllegalStateException("the mirror's Connect worker at " + base + " refused " + method + " "
                    + path + " with " + status + ": " + response.body());
        }
        return response;
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private static <T> T retrying(Call<T> call, long deadline) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        while (true) {
            try {
                return call.run();
            } catch (Retry | IOException e) {
                failures.add(e.getMessage());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the mirror's Connect worker did not accept the flows' "
                            + "connectors in time; last answers: " + failures.stream().skip(Math.max(0,
                            failures.size() - 3)).collect(Collectors.joining("; ")), e);
                }
                Thread.sleep(250); // a rebalance or leader election in progress: ask again shortly
            }
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A temporary refusal: the group is rebalancing or the leader is not reachable yet. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retry(String message) {
            super(message);
        }
    }
}
