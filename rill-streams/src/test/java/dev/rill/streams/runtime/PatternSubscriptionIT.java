package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Produced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pattern source on a real broker: the topic matching at start is read, a matching topic created while the
 * application runs is picked up, and partition p of both is counted by one task (the same key, written once to each
 * topic, reaches a count of 2).
 */
class PatternSubscriptionIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void topicsCreatedAfterStartAreReadAndGroupedByPartitionWithTheOthers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "pattern-" + run + "-orders";
        String eu = KAFKA.cluster().newTopic(prefix + "-eu", 2);
        String out = KAFKA.cluster().newTopic("pattern-counts", 2);
        List<String[]> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(new String[] {"k" + i, "eu-" + i});
        }
        produce(eu, first);

        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(Pattern.compile(Pattern.quote(prefix + "-") + ".*"))
                .groupByKey().count().toStream().to(out, Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = RillStreamsIT.props("pattern-app-" + run, KAFKA.bootstrapServers());
        props.put(StreamsConfig.MAIN_CONSUMER_PREFIX + "metadata.max.age.ms", 500);
        props.put(StreamsConfig.MAIN_CONSUMER_PREFIX + "auto.offset.reset", "earliest");
        RillStreams streams = new RillStreams(b.build(), props);
        Map<String, Long> last = new HashMap<>();
        try (KafkaConsumer<String, Long> reader = reader(out)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> last.put(r.key(), r.value()));
                return last.size() == 6;
            });
            assertThat(last.values()).containsOnly(1L);

            String us = KAFKA.cluster().newTopic(prefix + "-us", 2);
            List<String[]> second = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                second.add(new String[] {"k" + i, "us-" + i});
            }
            produce(us, second);

            Map<String, Long> expected = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                expected.put("k" + i, 2L);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> last.put(r.key(), r.value()));
                return last.equals(expected);
            });
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static void produce(String topic, List<String[]> keyValues) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (String[] kv : keyValues) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, kv[0], kv[1]));
            }
        }
    }

    private static KafkaConsumer<String, Long> reader(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, Long> c = new KafkaConsumer<>(p, new StringDeserializer(), new LongDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }
}
