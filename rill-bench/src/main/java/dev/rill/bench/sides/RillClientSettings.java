package dev.rill.bench.sides;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The client settings Rill Streams picks for its own clients where they differ from Kafka Streams' defaults,
 * written as Kafka Streams properties (with its {@code main.consumer.}, {@code restore.consumer.} and
 * {@code producer.} prefixes), so a Kafka Streams side can run with them.
 *
 * <p>The values must follow Rill's runtime; {@code RillClientSettingsIT} checks them against the configs a
 * running Rill Streams instance hands to its {@code KafkaClientSupplier}.
 */
public final class RillClientSettings {

    /**
     * Main (stream-thread) consumer: larger polls and partition fetches than Kafka Streams' 1000 records / 1 MiB,
     * smaller fetch responses than its 50 MiB.
     */
    public static final Map<String, Object> MAIN_CONSUMER = Map.of(
            "max.poll.records", 2000,
            "max.partition.fetch.bytes", 4 * 1024 * 1024,
            "fetch.max.bytes", 8 * 1024 * 1024);

    /** Restore consumer: big polls, bounded fetches (see docs/streams.md, restore). */
    public static final Map<String, Object> RESTORE_CONSUMER = Map.of(
            "max.poll.records", 10_000,
            "max.partition.fetch.bytes", 2 * 1024 * 1024,
            "fetch.max.bytes", 8 * 1024 * 1024);

    /** Producer: a shorter linger than Kafka Streams' 100 ms, bigger batches than the client's 16 KiB. */
    public static final Map<String, Object> PRODUCER = Map.of(
            "linger.ms", 20,
            "batch.size", 256 * 1024,
            "compression.type", "none");

    private RillClientSettings() {
    }

    /** Adds the settings to Kafka Streams properties, with the prefixes Kafka Streams reads them under. */
    public static void applyTo(Properties kafkaStreamsProps) {
        MAIN_CONSUMER.forEach((key, value) -> kafkaStreamsProps.setProperty("main.consumer." + key, value.toString()));
        RESTORE_CONSUMER.forEach((key, value) -> kafkaStreamsProps.setProperty("restore.consumer." + key, value.toString()));
        PRODUCER.forEach((key, value) -> kafkaStreamsProps.setProperty("producer." + key, value.toString()));
    }

    /** One line for a scenario's description: what the side with Rill's client settings was given. */
    public static String describe() {
        return "main consumer " + new TreeMap<>(MAIN_CONSUMER) + ", restore consumer " + new TreeMap<>(RESTORE_CONSUMER)
                + ", producer " + new TreeMap<>(PRODUCER);
    }
}
