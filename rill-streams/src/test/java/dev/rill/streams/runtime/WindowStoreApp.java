package dev.rill.streams.runtime;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.WindowStore;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The application of {@link WindowStoreRestoreIT}: a processor puts each record's value into the window of its
 * timestamp in a RocksDB window store. Run in a child JVM that gets killed before it ever commits ({@code main}); the
 * test JVM runs the same topology with a processor that only reads, so whatever its store holds came from the
 * changelog.
 */
public final class WindowStoreApp {
    static final String STORE = "windows";
    static final Duration RETENTION = Duration.ofHours(1);
    static final long SIZE = 10_000L;

    private WindowStoreApp() {
    }

    static Topology topology(String in, boolean write) {
        return new Topology()
                .addSource("src", in)
                .addProcessor("windower", () -> new Processor<String, String, Void, Void>() {
                    private WindowStore<String, String> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(STORE);
                    }

                    @Override
                    public void process(Record<String, String> r) {
                        if (write) {
                            store.put(r.key(), r.value(), r.timestamp() - r.timestamp() % SIZE);
                        }
                    }
                }, "src")
                .addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, RETENTION,
                        Duration.ofMillis(SIZE), false), Serdes.String(), Serdes.String()), "windower");
    }

    static Properties props(String bootstrap, String appId, String stateDir) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        // never commits while the test runs: no checkpoint, no committed offsets
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 3_600_000);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        return p;
    }

    /** Args: bootstrap servers, application id, input topic, state dir. Runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        RillStreams streams = new RillStreams(topology(args[2], true), props(args[0], args[1], args[3]));
        streams.setStateListener((n, o) -> System.out.println("STATE " + n));
        streams.start();
        Thread.currentThread().join();
    }
}
