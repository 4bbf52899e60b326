package dev.rill.bench.sides;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code stream(input).groupByKey().count(Materialized.as("counts")).toStream().to(output)} on Apache Kafka Streams
 * (the anchor), with the default (RocksDB) store. With the restore keys of {@link RestoreReport} it also reports
 * when its store's changelog is restored.
 */
public final class KafkaStreamsCountMain {

    /** The store's name; its changelog is {@code <application.id>-counts-changelog}. */
    public static final String STORE = "counts";

    private KafkaStreamsCountMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        Optional<RestoreReport> restore = RestoreReport.take(props);
        KafkaStreams streams = build(props);
        restore.ifPresent(report -> streams.setGlobalStateRestoreListener(new Listener(report)));
        exitOnError(streams);
        streams.start();
        restore.ifPresent(report -> report.watchRunning(() -> streams.state() != KafkaStreams.State.RUNNING ? 0
                : streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum()));
        SideMain.runUntilStopped(() -> {
            restore.ifPresent(report -> report.write(() -> countKeys(streams)));
            streams.close(Duration.ofSeconds(30));
            restore.ifPresent(RestoreReport::close);
        });
    }

    /**
     * Starts the count in this JVM (used by the harness to produce a changelog in Kafka Streams' own format).
     * The properties hold {@code bench.input.topic}, {@code bench.output.topic} and Kafka Streams' configuration.
     */
    public static AutoCloseable startInProcess(Properties props) {
        Properties copy = new Properties();
        copy.putAll(props);
        KafkaStreams streams = build(copy);
        streams.start();
        return () -> streams.close(Duration.ofSeconds(30));
    }

    private static KafkaStreams build(Properties props) {
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return new KafkaStreams(builder.build(), props);
    }

    private static void exitOnError(KafkaStreams streams) {
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                System.err.println("Kafka Streams went from " + before + " to ERROR; exiting");
                Runtime.getRuntime().halt(1);
            }
        });
    }

    /** Scans the whole store (retrying while the instance is not yet queryable, up to 30 s). */
    private static long countKeys(KafkaStreams streams) {
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
