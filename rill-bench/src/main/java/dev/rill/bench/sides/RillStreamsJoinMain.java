package dev.rill.bench.sides;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.StreamJoined;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.Properties;

/**
 * The stream–stream join of {@link KafkaStreamsJoinMain} on Rill Streams: the same program with Rill's imports and
 * runtime class, given the same properties.
 */
public final class RillStreamsJoinMain {

    /** The prefix of the join's two window stores and their changelogs. */
    public static final String STORE = "payment-authorisations";

    private RillStreamsJoinMain() {
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
        RillStreams streams = new RillStreams(builder.build(), props);
        streams.setStateListener((now, before) -> {
            if (now == RillStreams.State.ERROR) {
                System.err.println("Rill Streams went from " + before + " to ERROR; exiting");
                Runtime.getRuntime().halt(1);
            }
        });
        streams.start();
        SideMain.runUntilStopped(() -> streams.close(Duration.ofSeconds(30)));
    }
}
