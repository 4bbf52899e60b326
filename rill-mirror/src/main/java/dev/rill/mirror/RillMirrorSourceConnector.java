package dev.rill.mirror;

import dev.rill.mirror.internal.MirrorConnectorConfig;
import dev.rill.mirror.internal.MirrorConnectorSupport;
import dev.rill.mirror.internal.MirrorSourceTask;
import dev.rill.mirror.internal.PartitionAssignment;
import dev.rill.mirror.internal.PluginVersion;
import dev.rill.mirror.internal.SourceClusterWatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates topics from a source cluster to the worker's cluster (the target), as MirrorMaker 2's
 * MirrorSourceConnector does and with its settings: remote topics named by {@code replication.policy.class}
 * ({@code A.test} by default), created with the source's partition count and configs, grown with it; records
 * copied with key, value, headers, timestamp and partition; offset syncs written to {@code
 * mm2-offset-syncs.<target>.internal}; topic configs and ACLs copied. New topics are picked up within {@code
 * refresh.topics.interval.seconds} (1 s by default) without restarting tasks. Runs one task per replicated source
 * partition, at most {@code tasks.max}, and asks Connect for new task configs when that number changes. Use {@code
 * ByteArrayConverter} as key, value and header converter:
 *
 * <pre>{@code
 * connector.class=RillMirrorSourceConnector
 * source.cluster.alias=A
 * target.cluster.alias=B
 * source.cluster.bootstrap.servers=a:9092
 * target.cluster.bootstrap.servers=b:9092
 * topics=.*
 * tasks.max=8
 * key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * header.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * }</pre>
 */
public class RillMirrorSourceConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(RillMirrorSourceConnector.class);
    /** How long start() waits for the first count of the source partitions before sizing the tasks without it. */
    private static final Duration FIRST_COUNT_WAIT = Duration.ofSeconds(5);

    private Map<String, String> props;
    private String flow;
    private SourceClusterWatch watch;
    /** The replicated source topics and their partition counts; null until first counted. */
    private volatile Map<String, Integer> partitionCounts;
    /** The tasks.max and task count of the last task configs made; 0 before any. */
    private int lastMaxTasks;
    private int lastTaskCount;
    private int requestedTaskCount;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MirrorConnectorConfig config = MirrorConnectorSupport.parse(getClass().getSimpleName(), props);
        this.props = Map.copyOf(props);
        this.flow = config.sourceAlias() + "->" + config.targetAlias();
        watch = new SourceClusterWatch(config, this::partitionsCounted);
        if (!watch.awaitFirstCount(FIRST_COUNT_WAIT) || partitionCounts == null) {
            log.warn("Mirror {}: the source partitions could not be counted within {} s; starting 1 task, more once"
                    + " they are counted", flow, FIRST_COUNT_WAIT.toSeconds());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MirrorSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, Integer> counts = partitionCounts == null ? Map.of() : partitionCounts;
        int tasks = MirrorConnectorConfig.sourceTaskCount(PartitionAssignment.total(counts), maxTasks);
        synchronized (this) {
            lastMaxTasks = maxTasks;
            lastTaskCount = tasks;
            requestedTaskCount = tasks;
        }
        log.info("Mirror {}: {} tasks for {} source partitions (tasks.max {})", flow, tasks,
                PartitionAssignment.total(counts), maxTasks);
        return MirrorConnectorConfig.taskConfigs(props, tasks, counts);
    }

    /** After each count: asks Connect for new task configs when the task count should change. */
    private void partitionsCounted(Map<String, Integer> counts) {
        partitionCounts = Map.copyOf(counts);
        int wanted;
        synchronized (this) {
            if (lastMaxTasks == 0) {
                return; // no task configs made yet; they will use this count
            }
            wanted = MirrorConnectorConfig.sourceTaskCount(PartitionAssignment.total(counts), lastMaxTasks);
            if (wanted == lastTaskCount || wanted == requestedTaskCount) {
                return;
            }
            requestedTaskCount = wanted;
        }
        log.info("Mirror {}: {} source partitions now, so {} tasks instead of {}; requesting new task configs",
                flow, PartitionAssignment.total(counts), wanted, lastTaskCount);
        context.requestTaskReconfiguration();
    }

    /**
     * Exactly-once capable: a task's records and the source offsets they advance are all it writes on the target, so
     * a worker with {@code exactly.once.source.support=enabled} commits them in one transaction, and a restarted task
     * resumes from the committed offsets. (Offset syncs go to their own topic outside that transaction; a replay
     * after an abort rewrites them, see docs/mirror.md.)
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    @Override
    public ConfigDef config() {
        return MirrorConnectorConfig.DEFINITION;
    }
}
