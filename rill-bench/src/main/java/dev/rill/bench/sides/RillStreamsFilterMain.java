package dev.rill.bench.sides;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Produced;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.Properties;

/**
 * The seed filter on Rill Streams: the same program as {@link KafkaStreamsFilterMain} with Rill's imports and
 * runtime class, given the same properties.
 */
public final class RillStreamsFilterMain {

    private RillStreamsFilterMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .filter((key, value) -> "unknown".equals(key))
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
