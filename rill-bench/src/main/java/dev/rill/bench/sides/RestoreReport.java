package dev.rill.bench.sides;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How a restore side tells the harness how far its restore has got, for both runtimes alike.
 *
 * <p>When the restore of a changelog partition ends, the side commits, for the signal group, the number of records
 * it restored from that partition as the partition's offset: the harness watches that group like any other and
 * stops the clock when every changelog partition is covered. On shutdown (after the clock has stopped) the side
 * writes the total restored and the number of keys a query of the store sees to a report file the scenario checks.
 */
final class RestoreReport implements AutoCloseable {

    /** Group the side commits restore progress to (changelog partition → records restored). */
    static final String SIGNAL_GROUP = "bench.restore.signal.group";
    /** File the side writes {@value #RESTORED_RECORDS} and {@value #STORE_KEYS} to on shutdown. */
    static final String REPORT_FILE = "bench.restore.report.file";
    /** Report key: records restored, summed over the changelog partitions. */
    public static final String RESTORED_RECORDS = "restored.records";
    /** Report key: keys a full scan of the restored store returned. */
    public static final String STORE_KEYS = "store.keys";
    /** Report key: JVM uptime (ms) when the first changelog partition started restoring, -1 if none did. */
    public static final String FIRST_START_MS = "restore.first.start.uptime.ms";
    /**
     * Optional: a topic; once the instance is RUNNING with {@value #RUNNING_TASKS} active tasks, the side commits
     * offset 1 of its partition 0 for the signal group (the clock of a recovery benchmark stops there).
     */
    static final String RUNNING_TOPIC = "bench.restore.running.topic";
    /** The number of active tasks the instance runs when it has recovered everything. */
    static final String RUNNING_TASKS = "bench.restore.running.tasks";
    /** Report key: JVM uptime (ms) when the last changelog partition finished restoring, -1 if none did. */
    public static final String LAST_END_MS = "restore.last.end.uptime.ms";

    private final String group;
    private final Path file;
    private final Admin admin;
    private final Map<TopicPartition, Long> restored = new ConcurrentHashMap<>();
    private final AtomicLong firstStartMs = new AtomicLong(-1);
    private final AtomicLong lastEndMs = new AtomicLong(-1);
    private String runningTopic;
    private int runningTasks;

    private RestoreReport(String group, Path file, String bootstrapServers) {
        this.group = group;
        this.file = file;
        Properties config = new Properties();
        config.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(config);
    }

    /** Takes the restore keys out of a side's properties; empty when the side is not benchmarking a restore. */
    static Optional<RestoreReport> take(Properties props) {
        if (!props.containsKey(SIGNAL_GROUP)) {
            return Optional.empty();
        }
        String group = SideMain.take(props, SIGNAL_GROUP);
        Path file = Path.of(SideMain.take(props, REPORT_FILE));
        RestoreReport report = new RestoreReport(group, file, props.getProperty("bootstrap.servers"));
        if (props.containsKey(RUNNING_TOPIC)) {
            report.runningTopic = SideMain.take(props, RUNNING_TOPIC);
            report.runningTasks = Integer.parseInt(SideMain.take(props, RUNNING_TASKS));
        }
        return Optional.of(report);
    }

    /**
     * When a running topic was given: watches (every 10 ms, on a daemon thread) how many active tasks the instance
     * runs and signals once it runs them all.
     */
    void watchRunning(java.util.function.IntSupplier activeTasksWhenRunning) {
        if (runningTopic == null) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (activeTasksWhenRunning.getAsInt() < runningTasks) {
                SideMain.pause(10);
            }
            lastEndMs.accumulateAndGet(ManagementFactory.getRuntimeMXBean().getUptime(), Math::max);
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(runningTopic, 0), new OffsetAndMetadata(1)))
                    .all().whenComplete((ignored, error) -> {
                        if (error != null) {
                            System.err.println("signalling RUNNING failed: " + error);
                        }
                    });
        }, "bench-running-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Called from the runtime's restore listener when one changelog partition starts restoring. */
    void restoreStarted() {
        firstStartMs.compareAndSet(-1, ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** Called from the runtime's restore listener when one changelog partition is restored. */
    void restoreEnded(TopicPartition changelogPartition, long totalRestored) {
        lastEndMs.accumulateAndGet(ManagementFactory.getRuntimeMXBean().getUptime(), Math::max);
        restored.merge(changelogPartition, totalRestored, Long::sum);
        admin.alterConsumerGroupOffsets(group,
                        Map.of(changelogPartition, new OffsetAndMetadata(restored.get(changelogPartition))))
                .all().whenComplete((ignored, error) -> {
                    if (error != null) {
                        System.err.println("committing restore progress of " + changelogPartition + " failed: " + error);
                    }
                });
    }

    /** Writes the report, counting the store's keys with the given scan. */
    void write(LongSupplier storeKeys) {
        long keys;
        try {
            keys = storeKeys.getAsLong();
        } catch (RuntimeException e) {
            System.err.println("scanning the restored store failed: " + e);
            keys = -1;
        }
        Properties report = new Properties();
        report.setProperty(RESTORED_RECORDS, Long.toString(restored.values().stream().mapToLong(Long::longValue).sum()));
        report.setProperty(STORE_KEYS, Long.toString(keys));
        report.setProperty(FIRST_START_MS, Long.toString(firstStartMs.get()));
        report.setProperty(LAST_END_MS, Long.toString(lastEndMs.get()));
        try (Writer writer = Files.newBufferedWriter(file)) {
            report.store(writer, "restore report written by the side on shutdown");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the restore report " + file, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
