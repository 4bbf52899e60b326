package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.AutoOffsetReset;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.Topology;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.rill.streams.kstream.Consumed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-source offset reset policies on a real broker: each source starts where its own policy says. */
class OffsetResetIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private static Properties props() {
        return RillStreamsIT.props("reset-" + UUID.randomUUID(), KAFKA.bootstrapServers());
    }

    private static void produceAt(String topic, long timestamp, String key, String value) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int n) {
        return RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), topic, n, new StringDeserializer(),
                new StringDeserializer());
    }

    private RillStreams start(Topology topology, Properties props) {
        RillStreams s = new RillStreams(topology, props);
        started.add(s);
        s.start();
        return s;
    }

    @Test
    void aLatestSourceSkipsWhatWasWrittenBeforeStartWhileADefaultSourceReadsItAll() {
        String latestIn = KAFKA.cluster().newTopic("reset-latest", 2);
        String defaultIn = KAFKA.cluster().newTopic("reset-default", 2);
        String out = KAFKA.cluster().newTopic("reset-out", 1);
        long now = System.currentTimeMillis();
        produceAt(latestIn, now, "a", "old-latest");
        produceAt(defaultIn, now, "b", "old-default");
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(latestIn, Consumed.with(AutoOffsetReset.latest())).to(out);
        b.<String, String>stream(defaultIn).to(out);
        start(b.build(), props());

        // the default source's old record shows that every partition has been positioned (one reset for all)
        assertThat(consume(out, 1)).extracting(ConsumerRecord::value).containsExactly("old-default");
        produceAt(latestIn, now, "a", "new-latest");
        produceAt(defaultIn, now, "b", "new-default");

        assertThat(consume(out, 3)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("old-default", "new-latest", "new-default");
    }

    @Test
    void aByDurationSourceStartsAtTheFirstRecordInsideTheLookBack() {
        String in = KAFKA.cluster().newTopic("reset-duration", 1);
        String out = KAFKA.cluster().newTopic("reset-duration-out", 1);
        long now = System.currentTimeMillis();
        produceAt(in, now - Duration.ofHours(3).toMillis(), "k", "3h-ago");
        produceAt(in, now - Duration.ofHours(2).toMillis(), "k", "2h-ago");
        produceAt(in, now - Duration.ofMinutes(10).toMillis(), "k", "10min-ago");
        produceAt(in, now, "k", "now");
        Topology t = new Topology()
                .addSource(AutoOffsetReset.byDuration(Duration.ofHours(1)), "src", in)
                .addSink("sink", out, "src");
        start(t, props());

        assertThat(consume(out, 2)).extracting(ConsumerRecord::value)
                .containsExactly("10min-ago", "now");
    }

    @Test
    void aNoneSourceWithoutCommittedOffsetsFailsTheThreadAndSaysWhatToDo() {
        String in = KAFKA.cluster().newTopic("reset-none", 1);
        String out = KAFKA.cluster().newTopic("reset-none-out", 1);
        produceAt(in, System.currentTimeMillis(), "k", "v");
        Topology t = new Topology()
                .addSource(AutoOffsetReset.none(), "src", in)
                .addSink("sink", out, "src");
        RillStreams s = new RillStreams(t, props());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        s.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        started.add(s);
        s.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> failure.get() != null);
        assertThat(failure.get()).hasMessageContaining(in + "-0").hasMessageContaining("'none'")
                .hasMessageContaining("AutoOffsetReset");
    }
}
