package dev.rill.bench.sides;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.Properties;

/**
 * {@code stream(input).groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(size, grace)).count(Materialized.as(
 * "window-counts")).toStream().to(output)} on Apache Kafka Streams (the anchor), with the default (RocksDB) window
 * store and windowed String keys.
 */
public final class KafkaStreamsWindowedCountMain {

    /** The window store's name; its changelog is {@code <application.id>-window-counts-changelog}. */
    public static final String STORE = "window-counts";

    private KafkaStreamsWindowedCountMain() {
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
