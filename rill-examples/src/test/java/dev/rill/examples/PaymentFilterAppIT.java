package dev.rill.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example app end to end on an embedded broker. */
class PaymentFilterAppIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void unknownPaymentsAreCopiedToTheOutputTopic() {
        KAFKA.cluster().createTopic(PaymentFilterApp.INPUT_TOPIC, 2, 1);
        KAFKA.cluster().createTopic(PaymentFilterApp.OUTPUT_TOPIC, 1, 1);
        try (RillStreams app = PaymentFilterApp.start(KAFKA.bootstrapServers(), PaymentFilterApp.INPUT_TOPIC,
                PaymentFilterApp.OUTPUT_TOPIC)) {
            Properties pp = new Properties();
            pp.put("bootstrap.servers", KAFKA.bootstrapServers());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>(PaymentFilterApp.INPUT_TOPIC, "unknown", "10 EUR"));
                p.send(new ProducerRecord<>(PaymentFilterApp.INPUT_TOPIC, "alice", "20 EUR"));
                p.send(new ProducerRecord<>(PaymentFilterApp.INPUT_TOPIC, "unknown", "30 EUR"));
            }
            Properties cp = new Properties();
            cp.put("bootstrap.servers", KAFKA.bootstrapServers());
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "example-reader");
            cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of(PaymentFilterApp.OUTPUT_TOPIC));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    c.poll(Duration.ofMillis(200)).forEach(got::add);
                    return got.size() >= 2;
                });
            }
            assertThat(got).extracting(ConsumerRecord::key).containsOnly("unknown");
            assertThat(app.state().isRunningOrRebalancing()).isTrue();
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("10 EUR", "30 EUR");
        }
    }
}
