package dev.rill.connect.internal.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes failed sink records, byte for byte as consumed, to the dead-letter topic; with context headers enabled
 * it adds the ten {@code __connect.errors.*} headers Kafka Connect defines.
 */
public final class DeadLetterQueueReporter implements ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueReporter.class);
    public static final String PREFIX = "__connect.errors.";
    public static final List<String> HEADERS = List.of(PREFIX + "topic", PREFIX + "partition", PREFIX + "offset",
            PREFIX + "connector.name", PREFIX + "task.id", PREFIX + "stage", PREFIX + "class.name",
            PREFIX + "exception.class.name", PREFIX + "exception.message", PREFIX + "exception.stacktrace");

    private final String topic;
    private final String connector;
    private final int taskId;
    private final boolean contextHeaders;
    private final Producer<byte[], byte[]> producer;

    private DeadLetterQueueReporter(String topic, String connector, int taskId, boolean contextHeaders,
                                    Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.connector = connector;
        this.taskId = taskId;
        this.contextHeaders = contextHeaders;
        this.producer = producer;
    }

    /** Creates the dead-letter topic if needed and a producer for it. */
    public static DeadLetterQueueReporter create(Admin admin, Map<String, Object> producerProps, String topic,
                                                 short replicationFactor, String connector, int taskId,
                                                 boolean contextHeaders) {
        ensureTopic(admin, topic, replicationFactor);
        Map<String, Object> props = new java.util.HashMap<>(producerProps);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "connector-dlq-producer-" + connector + "-" + taskId);
        return new DeadLetterQueueReporter(topic, connector, taskId, contextHeaders, new KafkaProducer<>(props));
    }

    private static void ensureTopic(Admin admin, String topic, short replicationFactor) {
        try {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.of(replicationFactor))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Could not create dead-letter topic '" + topic + "' with replication factor "
                        + replicationFactor + ": " + e.getCause().getMessage() + "; create it yourself or lower "
                        + "errors.deadletterqueue.topic.replication.factor", e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new ConnectException("Timed out creating dead-letter topic '" + topic + "'", e);
        }
    }

    @Override
    public Future<?> report(ErrorContext c) {
        ConsumerRecord<byte[], byte[]> original = c.consumerRecord();
        if (original == null) {
            log.debug("Dead-letter queue skipped a failure without consumed record (stage {})", c.stage());
            return CompletableFuture.completedFuture(null);
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, original.timestamp(),
                original.key(), original.value(), original.headers());
        if (contextHeaders) {
            addContext(record.headers(), c, original);
        }
        return producer.send(record, (md, e) -> {
            if (e != null) {
                log.error("Could not write to dead-letter topic {}", topic, e);
            }
        });
    }

    private void addContext(Headers h, ErrorContext c, ConsumerRecord<byte[], byte[]> original) {
        put(h, HEADERS.get(0), original.topic());
        put(h, HEADERS.get(1), Integer.toString(original.partition()));
        put(h, HEADERS.get(2), Long.toString(original.offset()));
        put(h, HEADERS.get(3), connector);
        put(h, HEADERS.get(4), Integer.toString(taskId));
        put(h, HEADERS.get(5), c.stage().name());
        put(h, HEADERS.get(6), c.executingClass() == null ? "" : c.executingClass().getName());
        Throwable error = c.error();
        if (error != null) {
            put(h, HEADERS.get(7), error.getClass().getName());
            put(h, HEADERS.get(8), error.getMessage());
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            put(h, HEADERS.get(9), trace.toString());
        }
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
