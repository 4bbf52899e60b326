package dev.rill.streams.runtime;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import java.util.Properties;

/**
 * The application of {@link TwoInstanceFailoverIT}: a filter keeping every tenth sequence number. Run in a child JVM
 * as the instance that gets killed ({@code main}), and in the test JVM as the survivor.
 */
public final class FailoverApp {
    private FailoverApp() {
    }

    static Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).filter((k, v) -> Long.parseLong(v) % 10 == 0).to(out);
        return b.build();
    }

    static Properties props(String bootstrap, String appId, String clientId) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        return p;
    }

    /** Args: bootstrap servers, application id, input topic, output topic. Runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        RillStreams streams = new RillStreams(topology(args[2], args[3]), props(args[0], args[1], "victim"));
        streams.setStateListener((n, o) -> System.out.println("STATE " + n));
        streams.start();
        System.out.println("STARTED");
        Thread.currentThread().join();
    }
}
