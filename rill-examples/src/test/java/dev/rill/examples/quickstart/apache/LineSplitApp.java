package dev.rill.examples.quickstart.apache;

import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The Kafka Streams 4.3.1 program that {@link dev.rill.examples.quickstart.LineSplitApp} was ported from; it differs only in
 * its imports and in {@code KafkaStreams} (checked by {@code PortedByImportsTest}).
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
        KafkaStreams streams = new KafkaStreams(topology, config(args.length > 0 ? args[0] : "localhost:9092"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "streams-linesplit-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
