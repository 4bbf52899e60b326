package dev.rill.streams.runtime;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.ValueMapper;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The application of {@link ExactlyOnceIT} under {@code exactly_once_v2}: counts per key into the RocksDB store
 * "counts", every update to the output topic (no write cache, so each input record gives exactly one output record).
 * Run in a child JVM as the instance that gets killed, and in the test JVM as the one that takes over.
 */
public final class ExactlyOnceCountApp {
    private ExactlyOnceCountApp() {
    }

    static Topology topology(String in, String out, ValueMapper<String, String> beforeCount) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).mapValues(beforeCount).groupByKey().count(Materialized.as("counts")).toStream()
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    static Properties props(String bootstrap, String appId, String stateDir) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.remove(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 10_000);
        return p;
    }

    /** Args: bootstrap servers, application id, input topic, output topic, state dir. Runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        RillStreams streams = new RillStreams(topology(args[2], args[3], v -> v), props(args[0], args[1], args[4]));
        streams.setStateListener((n, o) -> System.out.println("STATE " + n));
        streams.start();
        System.out.println("STARTED");
        Thread.currentThread().join();
    }
}
