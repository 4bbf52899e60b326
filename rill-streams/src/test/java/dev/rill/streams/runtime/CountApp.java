package dev.rill.streams.runtime;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Materialized;
import java.util.Properties;

/**
 * The application of {@link CountFailoverIT}: {@code groupByKey().count()} into the RocksDB store "counts". Run in a
 * child JVM as the instance that gets killed ({@code main}), and in the test JVM as the one that takes over.
 */
public final class CountApp {
    private CountApp() {
    }

    static Topology topology(String in) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as("counts"));
        return b.build();
    }

    static Properties props(String bootstrap, String appId, String stateDir, int standbys) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        return p;
    }

    /** Args: bootstrap servers, application id, input topic, state dir, standbys. Runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        RillStreams streams = new RillStreams(topology(args[2]), props(args[0], args[1], args[3],
                Integer.parseInt(args[4])));
        streams.setStateListener((n, o) -> System.out.println("STATE " + n));
        streams.start();
        System.out.println("STARTED");
        Thread.currentThread().join();
    }
}
