package dev.rill.examples;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The seed's example: copies payments whose key is {@code "unknown"} from topic {@code payment} to
 * {@code unknown-payment}.
 *
 * <pre>
 * java -cp ... dev.rill.examples.PaymentFilterApp [bootstrap.servers] [input topic] [output topic]
 * </pre>
 * Defaults: {@code localhost:9092}, {@code payment}, {@code unknown-payment}. Stops on Ctrl-C, committing its
 * progress.
 */
public final class PaymentFilterApp {
    public static final String APPLICATION_ID = "payment-filter";
    public static final String INPUT_TOPIC = "payment";
    public static final String OUTPUT_TOPIC = "unknown-payment";

    private PaymentFilterApp() {
    }

    /** The topology, exactly as in the seed. */
    public static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(input).filter((key, value) -> key.equals("unknown")).to(output);
        return builder.build();
    }

    /** String keys and values, at-least-once. */
    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    /** Starts the application and returns the running instance; the caller closes it. */
    public static RillStreams start(String bootstrapServers, String input, String output) {
        RillStreams streams = new RillStreams(topology(input, output), config(bootstrapServers));
        streams.start();
        return streams;
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String input = args.length > 1 ? args[1] : INPUT_TOPIC;
        String output = args.length > 2 ? args[2] : OUTPUT_TOPIC;
        RillStreams streams = start(bootstrap, input, output);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "payment-filter-shutdown"));
        System.out.println("payment-filter running: " + input + " -> " + output + " on " + bootstrap
                + " (Ctrl-C to stop)");
        stopped.await();
    }
}
