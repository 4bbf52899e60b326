package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StandbyUpdateListener;
import dev.rill.streams.processor.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standby update listener on a real broker: the second instance's standby reports that it starts following the
 * count store's changelog, each batch it applies up to the changelog's end, and, when the active instance leaves and
 * the standby is promoted in place, its suspension as PROMOTED at the offset it had reached.
 */
class StandbyUpdateListenerIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    /** What the listener was told, one line per call. */
    record Event(String kind, TopicPartition tp, String store, TaskId task, long offset, long end, long size,
                 StandbyUpdateListener.SuspendReason reason) {
    }

    static final class Recorder implements StandbyUpdateListener {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void onUpdateStart(TopicPartition tp, String store, long startingOffset) {
            events.add(new Event("start", tp, store, null, startingOffset, -1, 0, null));
        }

        @Override
        public void onBatchLoaded(TopicPartition tp, String store, TaskId task, long batchEndOffset, long batchSize,
                                  long currentEndOffset) {
            events.add(new Event("batch", tp, store, task, batchEndOffset, currentEndOffset, batchSize, null));
        }

        @Override
        public void onUpdateSuspended(TopicPartition tp, String store, long storeOffset, long currentEndOffset,
                                      SuspendReason reason) {
            events.add(new Event("suspended", tp, store, null, storeOffset, currentEndOffset, 0, reason));
        }
    }

    private RillStreams start(String app, String in, StandbyUpdateListener listener) throws Exception {
        Properties p = RillStreamsIT.props(app, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-standby-listener-").toString());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as("counts"));
        RillStreams s = new RillStreams(b.build(), p);
        if (listener != null) {
            s.setStandbyUpdateListener(listener);
        }
        started.add(s);
        s.start();
        return s;
    }

    @Test
    void theStandbyReportsItsStartBatchesAndPromotion() throws Exception {
        String in = KAFKA.cluster().newTopic("standby-listener-in", 1);
        String app = "standby-listener-" + System.nanoTime();
        TopicPartition changelog = new TopicPartition(app + "-counts-changelog", 0);
        RillStreams a = start(app, in, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == RillStreams.State.RUNNING);
        Properties pp = new Properties();
        pp.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(in, "k" + i, "v" + i));
            }
        }
        Recorder recorder = new Recorder();
        RillStreams b = start(app, in, recorder);
        assertThatThrownBy(() -> b.setStandbyUpdateListener(recorder)).isInstanceOf(IllegalStateException.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.events.stream().anyMatch(e -> e.kind().equals("batch")
                && e.offset() + 1 == e.end() && e.end() >= 50));
        Event first = recorder.events.get(0);
        assertThat(first.kind()).isEqualTo("start");
        assertThat(first.tp()).isEqualTo(changelog);
        assertThat(first.store()).isEqualTo("counts");
        assertThat(first.offset()).isZero();
        List<Event> batches = recorder.events.stream().filter(e -> e.kind().equals("batch")).toList();
        assertThat(batches).allSatisfy(e -> {
            assertThat(e.task()).isEqualTo(new TaskId(0, 0));
            assertThat(e.store()).isEqualTo("counts");
            assertThat(e.size()).isPositive();
        });
        long applied = batches.get(batches.size() - 1).offset();
        assertThat(batches.stream().mapToLong(Event::size).sum()).isEqualTo(applied + 1);

        a.close(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.events.stream()
                .anyMatch(e -> e.kind().equals("suspended")));
        Event suspended = recorder.events.stream().filter(e -> e.kind().equals("suspended")).findFirst().orElseThrow();
        assertThat(suspended.reason()).isEqualTo(StandbyUpdateListener.SuspendReason.PROMOTED);
        assertThat(suspended.tp()).isEqualTo(changelog);
        assertThat(suspended.offset()).isEqualTo(applied);
    }
}
