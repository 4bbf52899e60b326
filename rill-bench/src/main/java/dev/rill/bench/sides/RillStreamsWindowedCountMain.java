package dev.rill.bench.sides;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.kstream.WindowedSerdes;
import dev.rill.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.time.Duration;
import java.util.Properties;

/**
 * The windowed count of {@link KafkaStreamsWindowedCountMain} on Rill Streams: the same program with Rill's imports and
 * runtime class, given the same properties.
 */
public final class RillStreamsWindowedCountMain {

    /** The window store's name; its changelog is {@code <application.id>-window-counts-changelog}. */
    public static final String STORE = "window-counts";

    private RillStreamsWindowedCountMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);
        Duration size = SideMain.takeMillis(props, SideMain.WINDOW_SIZE_MS);
        Duration grace = SideMain.takeMillis(props, SideMain.WINDOW_GRACE_MS);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE))
                .toStream()
                .to(output, Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, size.toMillis()),
                        Serdes.Long()));
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
