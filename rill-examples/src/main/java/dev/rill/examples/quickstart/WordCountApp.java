package dev.rill.examples.quickstart;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.state.KeyValueStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * The word count of Kafka Streams' quick start: splits the lines of {@code streams-plaintext-input} into lower-case
 * words and keeps a running count per word in the store {@code counts-store}; every change of a count goes to
 * {@code streams-wordcount-output} (String keys, Long values).
 *
 * <p>Ported from a Kafka Streams program by changing its imports and {@code KafkaStreams} to {@code RillStreams};
 * a test checks that nothing else differs.
 */
public final class WordCountApp {
    public static final String INPUT_TOPIC = "streams-plaintext-input";
    public static final String OUTPUT_TOPIC = "streams-wordcount-output";
    public static final String STORE = "counts-store";

    private WordCountApp() {
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-wordcount");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    public static void buildTopology(StreamsBuilder builder) {
        KStream<String, String> lines = builder.stream(INPUT_TOPIC);
        lines.flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
                .groupBy((key, word) -> word)
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE))
                .toStream()
                .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.Long()));
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
        }, "streams-wordcount-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
