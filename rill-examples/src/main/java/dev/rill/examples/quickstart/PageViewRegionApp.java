package dev.rill.examples.quickstart;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.state.KeyValueStore;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Page views per region: page views ({@code streams-pageview-input}, key user, value page) are joined with the
 * users' regions ({@code streams-userprofile-input}, a table keyed by user), and a running count of views per
 * region goes to {@code streams-pageviewstats-output}. Views of users without a known region count for
 * {@code "UNKNOWN"}.
 *
 * <p>The stream–table join of Kafka Streams' page-view example, counted without windows (windows are not in
 * Rill yet). Ported from a Kafka Streams program by changing its imports and {@code KafkaStreams} to
 * {@code RillStreams}; a test checks that nothing else differs.
 */
public final class PageViewRegionApp {
    public static final String PAGE_VIEWS_TOPIC = "streams-pageview-input";
    public static final String USER_REGIONS_TOPIC = "streams-userprofile-input";
    public static final String OUTPUT_TOPIC = "streams-pageviewstats-output";
    public static final String STORE = "views-per-region";

    private PageViewRegionApp() {
    }

    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-pageview-region");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    public static void buildTopology(StreamsBuilder builder) {
        KStream<String, String> views = builder.stream(PAGE_VIEWS_TOPIC);
        KTable<String, String> regions = builder.table(USER_REGIONS_TOPIC);
        views.leftJoin(regions, (page, region) -> region == null ? "UNKNOWN" : region)
                .groupBy((user, region) -> region)
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
        }, "streams-pageview-region-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
