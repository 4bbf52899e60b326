package dev.rill.cli.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.cli.rest.ConnectClientException;
import dev.rill.cli.rest.ConnectRestClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import static dev.rill.cli.rest.ConnectRestClient.segment;

/**
 * The figures of {@code rill mirror}'s view, per flow: the state of its connectors and tasks (from the worker's
 * REST API), the records replicated (the source offsets the source connector committed), the records/s since the
 * previous sample, and the lag (records on the source after those offsets, over the partitions the flow has
 * started). Committed source offsets trail the copy by up to {@code offset.flush.interval.ms}. The replication
 * latency comes from the MirrorMaker 2 metrics of the source tasks running in this JVM ({@link LocalMirrorMetrics}),
 * so it covers the partitions this process replicates, not those of other processes sharing the flow.
 */
public final class MirrorMonitor implements AutoCloseable {

    /**
     * One flow's figures at one sample. {@code problem} is null when the flow's parts are all running; {@code
     * latency} covers the flow's partitions owned by tasks of this process.
     */
    public record FlowStatus(String flow, String state, long replicated, long lag, double recordsPerSecond,
                             String problem, ReplicationLatency latency) {
        public FlowStatus {
            latency = latency == null ? ReplicationLatency.NOT_LOCAL : latency;
        }

        /** Without latency figures (no task of this process owns a partition of the flow). */
        public FlowStatus(String flow, String state, long replicated, long lag, double recordsPerSecond,
                          String problem) {
            this(flow, state, replicated, lag, recordsPerSecond, problem, ReplicationLatency.NOT_LOCAL);
        }
    }

    private final MirrorPlan plan;
    private final Map<String, ConnectRestClient> restByTarget;
    private final Map<String, Admin> sourceAdmins = new HashMap<>();
    private final Map<String, long[]> previous = new HashMap<>(); // flow -> {replicated, nanos}
    private final LocalMirrorMetrics localMetrics = new LocalMirrorMetrics(ManagementFactory.getPlatformMBeanServer());

    public MirrorMonitor(MirrorPlan plan, Map<String, String> restUrlByTarget) {
        this.plan = plan;
        Map<String, ConnectRestClient> clients = new HashMap<>();
        restUrlByTarget.forEach((target, url) -> clients.put(target, new ConnectRestClient(URI.create(url),
                Duration.ofSeconds(5), "the worker of this process for " + target + " stopped answering")));
        this.restByTarget = Map.copyOf(clients);
    }

    /** Samples every flow. */
    public List<FlowStatus> sample() {
        List<FlowStatus> statuses = new ArrayList<>();
        for (MirrorPlan.Flow flow : plan.flows()) {
            statuses.add(sample(flow));
        }
        return statuses;
    }

    private FlowStatus sample(MirrorPlan.Flow flow) {
        ConnectRestClient rest = restByTarget.get(flow.target());
        ReplicationLatency latency = localMetrics.latency(flow.source(), flow.target());
        String state;
        String problem = null;
        try {
            Set<String> states = new LinkedHashSet<>();
            for (Map<String, String> connector : flow.connectors()) {
                JsonNode status = rest.get("/connectors/" + segment(connector.get("name")) + "/status").tree();
                states.add(status.path("connector").path("state").asText("UNKNOWN"));
                for (JsonNode task : status.path("tasks")) {
                    String taskState = task.path("state").asText("UNKNOWN");
                    states.add(taskState);
                    if ("FAILED".equals(taskState) && problem == null) {
                        problem = connector.get("name") + " task " + task.path("id").asText() + " failed: "
                                + firstLine(task.path("trace").asText(""));
                    }
                }
            }
            state = states.contains("FAILED") ? "FAILED" : String.join("/", states);
        } catch (ConnectClientException e) {
            return new FlowStatus(flow.name(), "UNKNOWN", 0, 0, 0, "the worker for " + flow.target()
                    + " does not answer (" + e.getMessage() + ")", latency);
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        try {
            JsonNode offsets = rest.get("/connectors/" + segment(flow.sourceConnectorName()) + "/offsets").tree();
            for (JsonNode entry : offsets.path("offsets")) {
                JsonNode partition = entry.path("partition");
                next.put(new TopicPartition(partition.path("topic").asText(), partition.path("partition").asInt()),
                        entry.path("offset").path("offset").asLong() + 1);
            }
        } catch (ConnectClientException e) {
            problem = problem != null ? problem : "cannot read the source offsets (" + e.getMessage() + ")";
        }
        long replicated = next.values().stream().mapToLong(Long::longValue).sum();
        long lag = 0;
        try {
            lag = lag(flow.source(), next); // with no position yet, at least whether the source answers
        } catch (RuntimeException e) {
            problem = problem != null ? problem : "source cluster " + flow.source() + " ("
                    + plan.clusterSettings(flow.source()).get("bootstrap.servers") + ") unreachable ("
                    + firstLine(String.valueOf(e.getMessage())) + "); the flow's tasks keep retrying";
        }
        long now = System.nanoTime();
        long[] before = previous.put(flow.name(), new long[] {replicated, now});
        double rate = before == null || now == before[1] ? 0
                : (replicated - before[0]) * 1e9 / (now - before[1]);
        return new FlowStatus(flow.name(), state, replicated, lag, Math.max(0, rate), problem, latency);
    }

    private long lag(String source, Map<TopicPartition, Long> next) {
        Admin admin = sourceAdmins.computeIfAbsent(source, alias -> {
            Map<String, Object> config = new HashMap<>(plan.clusterSettings(alias));
            config.put("default.api.timeout.ms", "5000");
            config.put("request.timeout.ms", "4000");
            return Admin.create(config);
        });
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        next.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        try {
            if (next.isEmpty()) {
                admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return 0;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                ListOffsetsResult.ListOffsetsResultInfo end = ends.get(e.getKey());
                if (end != null) {
                    lag += Math.max(0, end.offset() - e.getValue());
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer within 5 s", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause().toString() : e.toString(), e);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }

    /**
     * One line a flow: {@code A->B  RUNNING  replicated 1200  312.5 rec/s  lag 0  latency avg 12 ms max 40 ms}
     * ({@code latency n/a} when no task of this process owns a partition of the flow), then its problem if any.
     */
    public static List<String> render(List<FlowStatus> statuses) {
        List<String> lines = new ArrayList<>();
        for (FlowStatus s : statuses) {
            lines.add(String.format(Locale.ROOT, "  %-12s %-8s replicated %d  %.1f rec/s  lag %d  %s", s.flow(),
                    s.state(), s.replicated(), s.recordsPerSecond(), s.lag(), s.latency().render()));
            if (s.problem() != null) {
                lines.add("    " + s.problem());
            }
        }
        return lines;
    }

    @Override
    public void close() {
        sourceAdmins.values().forEach(a -> a.close(Duration.ofSeconds(2)));
    }
}
