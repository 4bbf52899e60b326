package dev.rill.streams.runtime;

import dev.rill.streams.KeyValue;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.TimeWindows;
import java.time.Duration;
import java.util.Properties;

/**
 * The application of {@link WindowedCountFailoverIT}: a 10 s tumbling-window count per key under exactly_once_v2,
 * written to the output as {@code key@windowStart -> count}. Run in a child JVM as the instance that gets killed
 * ({@code main}), and in the test JVM as the one that survives.
 */
public final class WindowedCountApp {
    static final Duration WINDOW = Duration.ofSeconds(10);

    private WindowedCountApp() {
    }

    static Topology topology(String in, String out) {
        return topology(in, out, false);
    }

    /**
     * With {@code onClose}: emit each window once when it closes (no grace, a retention of an hour so closed windows
     * stay in the store until emitted).
     */
    static Topology topology(String in, String out, boolean onClose) {
        StreamsBuilder b = new StreamsBuilder();
        var windowed = b.<String, String>stream(in).groupByKey()
                .windowedBy(onClose ? TimeWindows.ofSizeWithNoGrace(WINDOW)
                        : TimeWindows.ofSizeAndGrace(WINDOW, Duration.ofHours(1)));
        if (onClose) {
            windowed = windowed.emitStrategy(EmitStrategy.onWindowClose());
        }
        windowed.count(Materialized.<String, Long, dev.rill.streams.processor.StateStore>as("window-counts")
                        .withRetention(Duration.ofHours(2)))
                .toStream()
                .map((w, count) -> KeyValue.pair(w.key() + "@" + w.window().start(), String.valueOf(count)))
                .to(out);
        return b.build();
    }

    static Properties props(String bootstrap, String appId, String stateDir) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 300);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        // onWindowClose checks for closed windows on every record, not at most once a second of wall-clock time
        p.put("__emit.interval.ms.kstreams.windowed.aggregation__", 0L);
        return p;
    }

    /**
     * Args: bootstrap servers, application id, input topic, output topic, state dir, "close" for onWindowClose.
     * Runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        RillStreams streams = new RillStreams(topology(args[2], args[3], args.length > 5 && args[5].equals("close")),
                props(args[0], args[1], args[4]));
        streams.setStateListener((n, o) -> System.out.println("STATE " + n));
        streams.start();
        System.out.println("STARTED");
        Thread.currentThread().join();
    }
}
