package dev.rill.cli.demo;

import java.nio.file.Path;

/**
 * How to run the demo.
 *
 * @param dataDir      where Kafka, Connect offsets, Streams state and the SQLite file live
 * @param kafkaPort    Kafka client port
 * @param connectPort  Connect REST port
 * @param queryPort    port of the Streams app's interactive-query endpoint
 * @param rate         payments per second (0: as fast as possible)
 * @param records      payments to generate in all, -1 for no end
 * @param pluginPath   plugin directories holding the datagen and JDBC connectors
 */
public record DemoOptions(Path dataDir, int kafkaPort, int connectPort, int queryPort, int rate, long records,
                          String pluginPath) {

    static final String PAYMENT_TOPIC = "payment";
    static final String UNKNOWN_TOPIC = "unknown-payment";
    static final String COUNT_STORE = "payment-counts";
    static final String STREAMS_APP_ID = "rill-demo-payments";
    static final String DATAGEN_CONNECTOR = "payments-datagen";
    static final String SINK_CONNECTOR = "unknown-payments-sink";
    static final String SINK_TABLE = "unknown_payments";

    Path databaseFile() {
        return dataDir.resolve("payments.db");
    }
}
