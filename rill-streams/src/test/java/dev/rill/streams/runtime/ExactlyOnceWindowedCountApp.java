package dev.rill.streams.runtime;

import dev.rill.streams.KeyValue;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.TimeWindows;
import java.time.Duration;
import java.util.Properties;

/**
 * The application of {@link ExactlyOnceWindowNoWipeIT} under {@code exactly_once_v2}: a 10 s tumbling-window count
 * per key into the RocksDB window store "window-counts" (10 min retention, so 5 min segments: several RocksDB
 * instances), every update to the output as {@code key@windowStart -> count} (no write cache, so each input record
 * gives exactly one output record). Run in a child JVM as the instance that gets killed, and in the test JVM as its
 * restart.
 */
public final class ExactlyOnceWindowedCountApp {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration RETENTION = Duration.ofMinutes(10);
    static final String STORE = "window-counts";

    private ExactlyOnceWindowedCountApp() {
    }

    static Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, Duration.ofMinutes(1)))
                .count(Materialized.<String, Long, dev.rill.streams.processor.StateStore>as(STORE)
                        .withRetention(RETENTION))
                .toStream()
                .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start(), String.valueOf(count)))
                .to(out);
        return b.build();
    }

    static Properties props(String bootstrap, String appId, String stateDir, long transactionTimeoutMs) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.remove(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), (int) transactionTimeoutMs);
        return p;
    }

    /**
     * Args: bootstrap servers, application id, input topic, output topic, state dir, transaction timeout ms. Runs
     * until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        RillStreams streams = new RillStreams(topology(args[2], args[3]),
                props(args[0], args[1], args[4], Long.parseLong(args[5])));
        streams.setStateListener((n, o) -> System.out.println("STATE " + n));
        streams.start();
        System.out.println("STARTED");
        Thread.currentThread().join();
    }
}
