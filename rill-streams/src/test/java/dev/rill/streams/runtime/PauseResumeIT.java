package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Changing a running instance: pause() stops processing while the instance stays in its group and resume()
 * continues where it stopped; stream threads are added and removed, their tasks moving with them.
 */
class PauseResumeIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void aPausedInstanceProcessesNothingUntilResumedAndStaysInItsGroup() throws Exception {
        String in = KAFKA.cluster().newTopic("pause-in", 2);
        String out = KAFKA.cluster().newTopic("pause-out", 2);
        String app = "pause-" + System.nanoTime();
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(in).mapValues(v -> v + "!").to(out);
        try (RillStreams streams = new RillStreams(builder.build(), RillStreamsIT.props(app, KAFKA.bootstrapServers()))) {
            streams.start();
            produce(in, 0, 10);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.processedRecords() == 10);
            assertThat(streams.isPaused()).isFalse();

            streams.pause();
            assertThat(streams.isPaused()).isTrue();
            produce(in, 10, 20);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> streams.processedRecords() == 10);
            assertThat(streams.state()).isEqualTo(RillStreams.State.RUNNING);
            assertThat(members(app)).as("a paused instance stays in its group").isEqualTo(1);

            streams.resume();
            assertThat(streams.isPaused()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.processedRecords() == 20);
        }
    }

    @Test
    void streamThreadsAreAddedAndRemovedWhileRunning() throws Exception {
        String in = KAFKA.cluster().newTopic("threads-in", 4);
        String out = KAFKA.cluster().newTopic("threads-out", 4);
        String app = "threads-" + System.nanoTime();
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(in).mapValues(v -> v + "!").to(out);
        try (RillStreams streams = new RillStreams(builder.build(), RillStreamsIT.props(app, KAFKA.bootstrapServers()))) {
            assertThat(streams.addStreamThread()).as("not before start").isEmpty();
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);
            assertThat(streams.removeStreamThread()).as("never the last thread").isEmpty();

            String added = streams.addStreamThread().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.metadataForLocalThreads().size() == 2
                    && streams.metadataForLocalThreads().stream().allMatch(t -> t.activeTasks().size() == 2));
            assertThat(members(app)).isEqualTo(2);
            produce(in, 0, 40);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.processedRecords() == 40);

            assertThat(streams.removeStreamThread(Duration.ofSeconds(60))).contains(added);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.metadataForLocalThreads().size() == 1
                    && streams.metadataForLocalThreads().iterator().next().activeTasks().size() == 4);
            assertThat(members(app)).as("the removed thread left the group").isEqualTo(1);
            produce(in, 40, 80);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.processedRecords() == 80);
        }
    }

    private static int members(String group) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }

    private static void produce(String topic, int from, int to) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
        }
    }
}
