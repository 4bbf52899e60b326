package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.KeyValue;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.TimeWindows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * onWindowClose across a restart: windows emitted as final by one instance stay in the store (a long retention), and
 * the next instance — on the same state directory or an empty one restored from the changelog — must not emit them
 * again. The close time emitted up to is committed with the input offsets (as Kafka Streams keeps it in the commit
 * metadata), so every window is emitted exactly once.
 */
class OnWindowCloseRestartIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path first;
    @TempDir
    Path second;

    @ParameterizedTest(name = "same state dir: {0}")
    @ValueSource(booleans = {true, false})
    void windowsEmittedBeforeARestartAreNotEmittedAgain(boolean sameStateDir) throws Exception {
        String in = KAFKA.cluster().newTopic("close-in", 1);
        String out = KAFKA.cluster().newTopic("close-out", 1);
        String app = "close-" + sameStateDir + "-" + System.nanoTime();
        // windows [0, 10 s) and [10 s, 20 s) for a and b; the record at 25 s closes both
        produce(in, List.of(KeyValue.pair("a", 1_000L), KeyValue.pair("b", 2_000L), KeyValue.pair("a", 11_000L),
                KeyValue.pair("b", 12_000L), KeyValue.pair("c", 25_000L)));
        try (RillStreams streams = new RillStreams(topology(in, out), props(app, first))) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.processedRecords() == 5);
            RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out, 4, new StringDeserializer(),
                    new LongDeserializer());
        }
        try (RillStreams streams = new RillStreams(topology(in, out), props(app, sameStateDir ? first : second))) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);
            // closes [20 s, 30 s), which holds c
            produce(in, List.of(KeyValue.pair("d", 45_000L)));
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.processedRecords() == 1);
            RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out, 5, new StringDeserializer(),
                    new LongDeserializer());
        }
        // the second instance closed cleanly: everything it emitted is in the topic; read all of it
        List<String> windows = new ArrayList<>();
        for (ConsumerRecord<String, Long> r : readToEnd(out)) {
            windows.add(r.key() + "=" + r.value());
        }
        // the last window is the one record the second instance must add; nothing of the first may repeat
        assertThat(windows).containsExactly("a@0=1", "b@0=1", "a@10000=1", "b@10000=1", "c@20000=1");
    }

    private static List<ConsumerRecord<String, Long>> readToEnd(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        List<ConsumerRecord<String, Long>> out = new ArrayList<>();
        try (KafkaConsumer<String, Long> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new LongDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return c.position(tp) >= end;
            });
        }
        return out;
    }

    private static dev.rill.streams.Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
                .emitStrategy(EmitStrategy.onWindowClose())
                .count(Materialized.<String, Long, dev.rill.streams.state.WindowStore<org.apache.kafka.common.utils.Bytes,
                        byte[]>>as("closing").withRetention(Duration.ofHours(1)))
                .toStream((w, v) -> w.key() + "@" + w.window().start())
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    private static Properties props(String app, Path stateDir) {
        Properties p = RillStreamsIT.props(app, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put("__emit.interval.ms.kstreams.windowed.aggregation__", 0);
        return p;
    }

    private static void produce(String topic, List<KeyValue<String, Long>> keysAndTimes) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (KeyValue<String, Long> kv : keysAndTimes) {
                producer.send(new ProducerRecord<>(topic, null, kv.value, kv.key, "v"));
            }
        }
    }
}
