package dev.rill.bench.sides;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.Properties;

/** The seed filter on Apache Kafka Streams (the anchor): keeps the records whose key is "unknown". */
public final class KafkaStreamsFilterMain {

    private KafkaStreamsFilterMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .filter((key, value) -> "unknown".equals(key))
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
