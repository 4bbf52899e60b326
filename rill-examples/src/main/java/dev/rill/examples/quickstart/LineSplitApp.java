package dev.rill.examples.quickstart;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.KStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The second application of Kafka Streams' quick start: each line of {@code streams-plaintext-input} becomes one
 * record per word in {@code streams-linesplit-output}, under the line's key.
 *
 * <p>Ported from a Kafka Streams program by changing its imports and {@code KafkaStreams} to {@code RillStreams};
 * a test checks that nothing else differs.
 */
public final class LineSplitApp {
    public static final String INPUT_TOPIC = "streams-plaintext-input";
    public static final String OUTPUT_TOPIC = "streams-linesplit-output";

    private LineSplitApp() {
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-linesplit");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    public static void buildTopology(StreamsBuilder builder) {
        KStream<String, String> lines = builder.stream(INPUT_TOPIC);
        lines.flatMapValues(line -> Arrays.asList(line.split("\\W+")))
                .to(OUTPUT_TOPIC);
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
        }, "streams-linesplit-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
