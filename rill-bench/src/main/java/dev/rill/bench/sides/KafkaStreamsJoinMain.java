package dev.rill.bench.sides;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;

import java.time.Duration;
import java.util.Properties;

/**
 * {@code payments.join(authorisations, JoinedPayment::join, JoinWindows.ofTimeDifferenceAndGrace(difference, grace),
 * StreamJoined.with(String, String, String).withStoreName("payment-authorisations")).to(output)} on Apache Kafka
 * Streams (the anchor), with the default (RocksDB) window stores.
 */
public final class KafkaStreamsJoinMain {

    /** The prefix of the join's two window stores and their changelogs. */
    public static final String STORE = "payment-authorisations";

    private KafkaStreamsJoinMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        String left = SideMain.take(props, SideMain.INPUT_TOPIC);
        String right = SideMain.take(props, SideMain.OTHER_INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);
        Duration difference = SideMain.takeMillis(props, SideMain.WINDOW_SIZE_MS);
        Duration grace = SideMain.takeMillis(props, SideMain.WINDOW_GRACE_MS);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> payments = builder.stream(left, Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> authorisations = builder.stream(right, Consumed.with(Serdes.String(), Serdes.String()));
        payments.join(authorisations, JoinedPayment::join, JoinWindows.ofTimeDifferenceAndGrace(difference, grace),
                        StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()).withStoreName(STORE))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                System.err.println("Kafka Streams went from " + before + " to ERROR; exiting");
                Runtime.getRuntime().halt(1);
            }
        });
        streams.start();
        SideMain.runUntilStopped(() -> streams.close(Duration.ofSeconds(30)));
    }
}
