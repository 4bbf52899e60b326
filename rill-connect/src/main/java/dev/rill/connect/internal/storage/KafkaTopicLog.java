package dev.rill.connect.internal.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One internal compacted topic read from the start into memory and kept up to date: a consumer assigned to every
 * partition (no group) feeds each record to a callback on one background thread, and a producer appends.
 * {@link #readToEnd()} is the barrier the stores build on: it returns once every record that was in the topic
 * when it was called has been handed to the callback, so a write followed by a read-to-end is visible locally, and
 * a worker that reads to end sees what every other worker wrote before.
 *
 * <p>The end offsets come from an admin client of its own, not from the reading consumer: a broker answers the
 * requests of one connection in order, so the consumer's own look-up would wait behind its fetch, which the broker
 * holds for up to {@code fetch.max.wait.ms} (500 ms) when there is nothing new, and every read-to-end of an idle
 * topic would cost that long.
 */
public final class KafkaTopicLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaTopicLog.class);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Consumer<ConsumerRecord<byte[], byte[]>> callback;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> readRequests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running;
    private volatile Throwable failure;

    /**
     * @param clientProps bootstrap servers and security settings shared by both clients
     * @param clientId    a prefix of the clients' ids
     */
    public KafkaTopicLog(String topic, Map<String, Object> clientProps, String clientId,
                         Consumer<ConsumerRecord<byte[], byte[]>> callback) {
        this.topic = topic;
        this.callback = callback;
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"); // keep the writes in order
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        this.producer = new KafkaProducer<>(p);
        Map<String, Object> c = new HashMap<>(clientProps);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // the worker creates its topics with their settings (compacted, partitions); a look-up must not create one
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(c);
        Map<String, Object> a = new HashMap<>();
        clientProps.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                a.put(key, value);
            }
        });
        a.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        this.admin = Admin.create(a);
        this.thread = new Thread(this::run, clientId + "-log");
        thread.setDaemon(true);
    }

    public String topic() {
        return topic;
    }

    /** Assigns every partition, reads the whole topic and keeps reading in the background. */
    public void start(Duration timeout) {
        List<PartitionInfo> partitions = partitions(timeout);
        List<TopicPartition> tps = new ArrayList<>();
        partitions.forEach(pi -> tps.add(new TopicPartition(topic, pi.partition())));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        running = true;
        thread.start();
        readToEnd(timeout);
    }

    /**
     * The topic's partitions. A topic just created may not be known yet to the broker that answers (every broker
     * learns of it from the controller in its own time), so an empty answer is asked again until the timeout.
     */
    private List<PartitionInfo> partitions(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = 20;
        while (true) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (partitions != null && !partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) > deadline) {
                throw new ConnectException("Topic " + topic + " does not exist or has no partitions (asked until "
                        + timeout + "); it is created at start when the worker may create topics, otherwise "
                        + "create it before starting the worker");
            }
            try {
                Thread.sleep(backoffMs); // back-off between metadata look-ups
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while looking up the partitions of " + topic, e);
            }
            backoffMs = Math.min(backoffMs * 2, 1000);
        }
    }

    /** Appends a record (a null value is a tombstone) and waits until Kafka has it. */
    public void write(byte[] key, byte[] value, Duration timeout) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Kafka did not acknowledge a write to " + topic + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while writing to " + topic, e);
        }
    }

    /** Appends records in order and waits until Kafka has all of them. */
    public void writeAll(List<Map.Entry<byte[], byte[]>> records, Duration timeout) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> r : records) {
            sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new ConnectException("Could not write to " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            } catch (TimeoutException e) {
                throw new ConnectException("Kafka did not acknowledge writes to " + topic + " within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while writing to " + topic, e);
            }
        }
    }

    /** Returns once every record in the topic at the time of the call has been handed to the callback. */
    public void readToEnd(Duration timeout) {
        CompletableFuture<Void> request = new CompletableFuture<>();
        if (!running) {
            throw new ConnectException("The reader of " + topic + " is not running"
                    + (failure == null ? "" : ": " + failure));
        }
        readRequests.add(request);
        consumer.wakeup();
        try {
            request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not read " + topic + " to its end: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Could not read " + topic + " to its end within " + timeout
                    + "; check that the brokers are reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading " + topic, e);
        }
    }

    private void run() {
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        Map<TopicPartition, Long> target = null;
        RuntimeException error = null;
        try {
            while (running) {
                try {
                    if (!readRequests.isEmpty()) {
                        // one end-offsets look-up serves every request queued so far
                        CompletableFuture<Void> r;
                        while ((r = readRequests.poll()) != null) {
                            waiting.add(r);
                        }
                        target = null;
                    }
                    if (target == null && !waiting.isEmpty()) {
                        target = endOffsets();
                    }
                    if (target != null && reached(target)) {
                        waiting.forEach(w -> w.complete(null));
                        waiting.clear();
                        target = null;
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        try {
                            callback.accept(record);
                        } catch (RuntimeException e) {
                            log.error("Skipping a record of {} at offset {} that could not be read", topic,
                                    record.offset(), e);
                        }
                    }
                } catch (WakeupException woken) {
                    // a read-to-end request arrived, or close() was called (then running is false)
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                log.error("The reader of {} stopped", topic, e);
                failure = e;
            }
            error = e;
        } finally {
            running = false;
            ConnectException stoppedError = new ConnectException("The reader of " + topic + " stopped", error);
            CompletableFuture<Void> r;
            while ((r = readRequests.poll()) != null) {
                r.completeExceptionally(stoppedError);
            }
            waiting.forEach(w -> w.completeExceptionally(stoppedError));
            consumer.close(Duration.ZERO);
            stopped.complete(null);
        }
    }

    /** The committed end (last stable offset) of every partition, as the read_committed consumer sees it. */
    private Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        consumer.assignment().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new KafkaException("Could not look up the end offsets of " + topic + ": " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while looking up the end offsets of " + topic, e);
        }
    }

    private boolean reached(Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        boolean wasRunning = running;
        running = false;
        if (wasRunning) {
            consumer.wakeup();
            try {
                stopped.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("The reader of {} did not stop in time", topic);
            }
        } else if (!thread.isAlive() && !stopped.isDone()) {
            consumer.close(Duration.ZERO);
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ZERO);
    }
}
