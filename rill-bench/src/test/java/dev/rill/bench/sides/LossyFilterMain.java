package dev.rill.bench.sides;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.Properties;

/** A deliberately wrong seed filter for the harness's own test: it loses about one output record in fifty. */
public final class LossyFilterMain {

    private LossyFilterMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .filter((key, value) -> "unknown".equals(key) && Math.floorMod(value.hashCode(), 50) != 0)
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.start();
        SideMain.runUntilStopped(() -> streams.close(Duration.ofSeconds(30)));
    }
}
