package dev.rill.examples.quickstart;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The first application of Kafka Streams' quick start: every record of {@code streams-plaintext-input} is written
 * unchanged to {@code streams-pipe-output}.
 *
 * <p>Ported from a Kafka Streams program by changing its imports and {@code KafkaStreams} to {@code RillStreams};
 * a test checks that nothing else differs.
 */
public final class PipeApp {
    public static final String INPUT_TOPIC = "streams-plaintext-input";
    public static final String OUTPUT_TOPIC = "streams-pipe-output";

    private PipeApp() {
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-pipe");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    public static void buildTopology(StreamsBuilder builder) {
        builder.stream(INPUT_TOPIC).to(OUTPUT_TOPIC);
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        buildTopology(builder);
        Topology topology = builder.build();
        System.out.println(topology.describe());
        RillStreams streams = new RillStreams(topology, config(args.length > 0 ? args[0] : "localhost:9092"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "streams-pipe-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
