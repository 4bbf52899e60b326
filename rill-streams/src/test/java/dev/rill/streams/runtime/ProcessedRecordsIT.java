package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processedRecords() counts the records a task handled before one failed it. */
class ProcessedRecordsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static void produce(String topic, List<String[]> keyValues) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (String[] kv : keyValues) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, kv[0], kv[1]));
            }
        }
    }

    @Test
    void shouldCountTheRecordsProcessedBeforeAFailure() {
        String in = KAFKA.cluster().newTopic("count-then-fail-in", 1);
        String out = KAFKA.cluster().newTopic("count-then-fail-out", 1);
        List<String[]> input = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            input.add(new String[] {"k" + i, "ok-" + i});
        }
        input.add(new String[] {"k10", "boom"});
        // all in the topic before start, so the first poll holds the good records and the failing one together
        produce(in, input);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).mapValues(v -> {
            if (v.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return v;
        }).to(out);
        RillStreams streams = new RillStreams(b.build(), RillStreamsIT.props("fail-" + UUID.randomUUID(),
                KAFKA.bootstrapServers()));
        try {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.ERROR);
            assertThat(RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out, 10,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.StringDeserializer())).hasSize(10);
            assertThat(streams.processedRecords()).as("records processed before the failing one").isEqualTo(10);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
