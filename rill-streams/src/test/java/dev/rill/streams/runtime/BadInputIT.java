package dev.rill.streams.runtime;

import static dev.rill.streams.runtime.RillStreamsIT.consumeAtLeast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.LogAndContinueExceptionHandler;
import dev.rill.streams.errors.LogAndContinueProcessingExceptionHandler;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Produced;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Poison records: the default handler stops before committing them; log-and-continue skips exactly them. */
class BadInputIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private static byte[] intBytes(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static final byte[] POISON = "bad".getBytes(StandardCharsets.UTF_8);

    private static void produce(String topic, List<byte[]> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(StandardCharsets.UTF_8), v));
            }
        }
    }

    private Properties props(String appId) {
        Properties p = RillStreamsIT.props(appId, KAFKA.bootstrapServers());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }

    private static Long committed(String appId, String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = m.get(new TopicPartition(topic, 0));
            return o == null ? null : o.offset();
        }
    }

    private static StreamsBuilder doubler(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.Integer())).mapValues(v -> v * 2)
                .to(out, Produced.with(Serdes.String(), Serdes.Integer()));
        return b;
    }

    @Test
    void poisonRecordWithDefaultHandlerStopsProcessingBeforeItsOffsetIsCommitted() throws Exception {
        String in = KAFKA.cluster().newTopic("poison-in", 1);
        String out = KAFKA.cluster().newTopic("poison-out", 1);
        String appId = "poison-fail-" + UUID.randomUUID();
        RillStreams s = new RillStreams(doubler(in, out).build(), props(appId));
        started.add(s);
        s.start();
        produce(in, List.of(intBytes(1), intBytes(2), intBytes(3), intBytes(4), intBytes(5)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(5).equals(committed(appId, in)));

        produce(in, List.of(POISON, intBytes(6), intBytes(7)));
        await().atMost(Duration.ofSeconds(60)).until(() -> s.state() == RillStreams.State.ERROR);

        assertThat(committed(appId, in)).as("offset of the poison record (5) is never passed").isEqualTo(5L);
        List<ConsumerRecord<String, Integer>> outputs = readInts(out, 5);
        assertThat(outputs).extracting(ConsumerRecord::value).containsExactly(2, 4, 6, 8, 10);
    }

    @Test
    void logAndContinueSkipsExactlyThePoisonRecordCountsItAndSendsItToTheDeadLetterTopic() throws Exception {
        String in = KAFKA.cluster().newTopic("skip-in", 1);
        String out = KAFKA.cluster().newTopic("skip-out", 1);
        String dlq = KAFKA.cluster().newTopic("skip-dlq", 1);
        String appId = "poison-skip-" + UUID.randomUUID();
        Properties p = props(appId);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlq);
        RillStreams s = new RillStreams(doubler(in, out).build(), p);
        started.add(s);
        s.start();
        produce(in, List.of(intBytes(1), intBytes(2), POISON, intBytes(3), intBytes(4)));

        List<ConsumerRecord<String, Integer>> outputs = readInts(out, 4);
        assertThat(outputs).extracting(ConsumerRecord::value).containsExactly(2, 4, 6, 8);
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(5).equals(committed(appId, in)));
        assertThat(s.droppedRecords()).isEqualTo(1);
        assertThat(s.metrics().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey().name()).isEqualTo("dropped-records-total");
            assertThat(e.getValue().metricValue()).isEqualTo(1L);
        });
        assertThat(s.state().isRunningOrRebalancing()).isTrue();

        ConsumerRecord<String, String> dead = consumeAtLeast(KAFKA.bootstrapServers(), dlq, 1, new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer()).get(0);
        assertThat(dead.value()).isEqualTo("bad");
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(in);
        assertThat(header(dead, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(dead, "__streams.errors.offset")).isEqualTo("2");
        assertThat(header(dead, "__streams.errors.exception")).contains("SerializationException");
        assertThat(header(dead, "__streams.errors.stacktrace")).contains("IntegerDeserializer");
    }

    @Test
    void processingHandlerContinueSkipsTheFailingRecordOnlyAndDeadLettersIt() throws Exception {
        String in = KAFKA.cluster().newTopic("proc-in", 1);
        String out = KAFKA.cluster().newTopic("proc-out", 1);
        String dlq = KAFKA.cluster().newTopic("proc-dlq", 1);
        String appId = "proc-skip-" + UUID.randomUUID();
        Properties p = props(appId);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlq);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.Integer())).mapValues(v -> 100 / (v - 2))
                .to(out, Produced.with(Serdes.String(), Serdes.Integer()));
        RillStreams s = new RillStreams(b.build(), p);
        started.add(s);
        s.start();
        produce(in, List.of(intBytes(1), intBytes(2), intBytes(3)));
        assertThat(readInts(out, 2)).extracting(ConsumerRecord::value).containsExactly(-100, 100);
        ConsumerRecord<String, String> dead = consumeAtLeast(KAFKA.bootstrapServers(), dlq, 1, new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer()).get(0);
        assertThat(header(dead, "__streams.errors.offset")).isEqualTo("1");
        assertThat(header(dead, "__streams.errors.exception")).isEqualTo(ArithmeticException.class.getName());
        assertThat(s.droppedRecords()).isEqualTo(1);
    }

    /** Skips records too large to send; fails on anything else. */
    public static final class SkipTooLarge implements dev.rill.streams.errors.ProductionExceptionHandler {
        @Override
        public dev.rill.streams.errors.HandlerResponse handle(dev.rill.streams.errors.ErrorHandlerContext context,
                                                              ProducerRecord<byte[], byte[]> record, Exception exception) {
            return exception instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    ? dev.rill.streams.errors.HandlerResponse.CONTINUE : dev.rill.streams.errors.HandlerResponse.FAIL;
        }
    }

    /** An app started on new topics, a new application id and its props (to which a test adds its own). */
    private record StartedApp(String in, String out, String dlq, String appId, RillStreams streams) {
    }

    /**
     * {@code mapValues(v -> "x".repeat(v))} with {@code max.request.size} 16 000, production handler
     * {@link SkipTooLarge} and a dead-letter topic: an input of 50 000 gives a record that cannot be sent.
     */
    private StartedApp startRepeater(String name, Map<String, Object> extra) {
        String in = KAFKA.cluster().newTopic(name + "-in", 1);
        String out = KAFKA.cluster().newTopic(name + "-out", 1);
        String dlq = KAFKA.cluster().newTopic(name + "-dlq", 1);
        String appId = name + "-" + UUID.randomUUID();
        Properties p = props(appId);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipTooLarge.class.getName());
        p.put(StreamsConfig.producerPrefix("max.request.size"), 16_000);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlq);
        p.putAll(extra);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.Integer())).mapValues(v -> "x".repeat(v))
                .to(out, Produced.with(Serdes.String(), Serdes.String()));
        RillStreams s = new RillStreams(b.build(), p);
        started.add(s);
        s.start();
        return new StartedApp(in, out, dlq, appId, s);
    }

    @Test
    void productionHandlerContinueSkipsARecordThatCannotBeSentAndDeadLettersItsInput() throws Exception {
        StartedApp app = startRepeater("large", Map.of());
        String out = app.out();
        String dlq = app.dlq();
        RillStreams s = app.streams();
        produce(app.in(), List.of(intBytes(3), intBytes(50_000), intBytes(4)));
        List<ConsumerRecord<String, String>> got = consumeAtLeast(KAFKA.bootstrapServers(), out, 2,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
        assertThat(got).extracting(ConsumerRecord::value).containsExactly("xxx", "xxxx");
        ConsumerRecord<String, String> dead = consumeAtLeast(KAFKA.bootstrapServers(), dlq, 1,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer()).get(0);
        assertThat(header(dead, "__streams.errors.offset")).isEqualTo("1");
        assertThat(header(dead, "__streams.errors.exception")).contains("RecordTooLargeException");
        await().atMost(Duration.ofSeconds(60)).until(() -> s.droppedRecords() == 1);
        assertThat(s.state().isRunningOrRebalancing()).isTrue();
    }

    /**
     * Under exactly-once a failed send dooms the open transaction. With CONTINUE the transaction is aborted and
     * replayed without the record: read_committed readers see every other output exactly once and the dead-letter
     * record once, and the record is counted as dropped once.
     */
    @Test
    void underExactlyOnceProductionHandlerContinueSkipsTheRecordInsideTheCommittedTransaction() throws Exception {
        // the abort passes through the processors: a continuing processing handler must not see it as a failure
        StartedApp app = startRepeater("eos-large", Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName()));
        String appId = app.appId();
        String in = app.in();
        String out = app.out();
        String dlq = app.dlq();
        RillStreams s = app.streams();
        produce(in, List.of(intBytes(3), intBytes(50_000), intBytes(4), intBytes(5)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(4).equals(committed(appId, in)));

        assertThat(readCommitted(out)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("xxx", "xxxx", "xxxxx");
        List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(dlq);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "__streams.errors.offset")).isEqualTo("1");
        assertThat(header(dead.get(0), "__streams.errors.exception")).contains("RecordTooLargeException");
        assertThat(s.droppedRecords()).isEqualTo(1);
        assertThat(s.state().isRunningOrRebalancing()).isTrue();
    }

    /** Every record of partition 0 of a topic up to its last stable offset, as a read_committed reader sees them. */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
                return c.position(tp) >= end;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, Integer>> readInts(String topic, int n) {
        return consumeAtLeast(KAFKA.bootstrapServers(), topic, n, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.IntegerDeserializer());
    }
}
