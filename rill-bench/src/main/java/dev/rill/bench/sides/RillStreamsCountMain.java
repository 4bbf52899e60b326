package dev.rill.bench.sides;

import dev.rill.streams.RillStreams;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StoreQueryParameters;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.QueryableStoreTypes;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The count of {@link KafkaStreamsCountMain} on Rill Streams: the same program with Rill's imports and runtime
 * class, given the same properties.
 */
public final class RillStreamsCountMain {

    /** The store's name; its changelog is {@code <application.id>-counts-changelog}. */
    public static final String STORE = "counts";

    private RillStreamsCountMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        Optional<RestoreReport> restore = RestoreReport.take(props);
        RillStreams streams = build(props);
        restore.ifPresent(report -> streams.setGlobalStateRestoreListener(new Listener(report)));
        exitOnError(streams);
        streams.start();
        restore.ifPresent(report -> report.watchRunning(() -> streams.state() != RillStreams.State.RUNNING ? 0
                : streams.threadTasks().values().stream().mapToInt(java.util.List::size).sum()));
        SideMain.runUntilStopped(() -> {
            restore.ifPresent(report -> report.write(() -> countKeys(streams)));
            streams.close(Duration.ofSeconds(30));
            restore.ifPresent(RestoreReport::close);
        });
    }

    /**
     * Starts the count in this JVM (used by the harness to produce a changelog in Rill Streams' own format).
     * The properties hold {@code bench.input.topic}, {@code bench.output.topic} and Kafka Streams' configuration.
     */
    public static AutoCloseable startInProcess(Properties props) {
        Properties copy = new Properties();
        copy.putAll(props);
        RillStreams streams = build(copy);
        streams.start();
        return () -> streams.close(Duration.ofSeconds(30));
    }

    private static RillStreams build(Properties props) {
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return new RillStreams(builder.build(), props);
    }

    private static void exitOnError(RillStreams streams) {
        streams.setStateListener((now, before) -> {
            if (now == RillStreams.State.ERROR) {
                System.err.println("Rill Streams went from " + before + " to ERROR; exiting");
                Runtime.getRuntime().halt(1);
            }
        });
    }

    /** Scans the whole store (retrying while the instance is not yet queryable, up to 30 s). */
    private static long countKeys(RillStreams streams) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, Long> store = streams.store(
                        StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
                long keys = 0;
                try (KeyValueIterator<String, Long> all = store.all()) {
                    while (all.hasNext()) {
                        KeyValue<String, Long> ignored = all.next();
                        keys++;
                    }
                }
                return keys;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                SideMain.pause(100);
            }
        }
    }

    private record Listener(RestoreReport report) implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
            report.restoreStarted();
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            report.restoreEnded(partition, totalRestored);
        }
    }
}
