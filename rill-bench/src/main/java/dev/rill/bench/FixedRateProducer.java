package dev.rill.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Produces a {@link PaymentInput} to a topic at a fixed rate, once the application under test is ready, on a
 * thread of its own. Record {@code i} goes to partition {@code i % partitions}, so the end offsets are known in
 * advance; every record's timestamp is the wall-clock time it was handed to the producer, also carried in the
 * header {@value #SENT_HEADER} (8 bytes, big-endian milliseconds) so it survives a topic that stamps append times.
 */
public final class FixedRateProducer implements AutoCloseable {

    /** Header holding the send time of an input record. */
    public static final String SENT_HEADER = "bench-sent-ms";

    private static final Logger log = LoggerFactory.getLogger(FixedRateProducer.class);
    private static final long POLL_READY_MILLIS = 50;

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final PaymentInput input;
    private final long recordsPerSecond;
    private final BooleanSupplier ready;
    private final Duration readyTimeout;
    private final RecordDigest sentUnknown = new RecordDigest();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile boolean becameReady;
    private volatile long startedAtMillis = -1;
    private volatile long finishedAtMillis = -1;
    private Thread thread;

    /**
     * @param ready        polled until true before the first record is sent (e.g. the application's group has all
     *                     input partitions assigned)
     * @param readyTimeout after this long the records are sent anyway and {@link #becameReady()} stays false
     */
    public FixedRateProducer(String bootstrapServers, String topic, int partitions, PaymentInput input,
                             long recordsPerSecond, BooleanSupplier ready, Duration readyTimeout) {
        if (recordsPerSecond <= 0 || partitions <= 0) {
            throw new IllegalArgumentException("rate and partitions must be positive, were " + recordsPerSecond
                    + " records/s and " + partitions + " partitions");
        }
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
        this.input = input;
        this.recordsPerSecond = recordsPerSecond;
        this.ready = ready;
        this.readyTimeout = readyTimeout;
    }

    /** The end offset every partition of the (new, empty) topic will have once all records are sent. */
    public Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            long records = input.count() / partitions + (p < input.count() % partitions ? 1 : 0);
            end.put(new TopicPartition(topic, p), records);
        }
        return end;
    }

    /** Starts the sending thread: it waits for readiness, then sends every record on schedule. */
    public void start() {
        thread = new Thread(this::run, "fixed-rate-producer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            awaitReady();
            send();
        } catch (Exception e) {
            failure.set(e);
            log.warn("producing {} at {} records/s failed: {}", topic, recordsPerSecond, e.toString());
        } finally {
            finishedAtMillis = System.currentTimeMillis();
            done.countDown();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!stopped && System.nanoTime() < deadline) {
            if (probe()) {
                becameReady = true;
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_READY_MILLIS));
        }
        log.warn("the application reading {} was not ready after {} s; sending anyway", topic, readyTimeout.toSeconds());
    }

    private boolean probe() {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void send() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        long[] index = {0};
        long startNanos = System.nanoTime();
        startedAtMillis = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            input.forEach((key, value) -> {
                if (stopped) {
                    return;
                }
                long i = index[0]++;
                long due = startNanos + i * 1_000_000_000L / recordsPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.currentTimeMillis();
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(topic, (int) (i % partitions), now, key, value);
                record.headers().add(SENT_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                if (PaymentInput.UNKNOWN_KEY.equals(key)) {
                    sentUnknown.add(key, value);
                }
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Waits until every record was sent and acknowledged (or sending failed). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the readiness probe passed before the first record was sent. */
    public boolean becameReady() {
        return becameReady;
    }

    /** Wall-clock time of the first send, -1 before it. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** The input rate actually reached, records per second (NaN until done). */
    public double achievedRate() {
        long millis = finishedAtMillis - startedAtMillis;
        return startedAtMillis < 0 || finishedAtMillis < 0 || millis <= 0 ? Double.NaN : input.count() * 1000.0 / millis;
    }

    /** Digest of the records sent with the key {@value PaymentInput#UNKNOWN_KEY} (what the filter must output). */
    public RecordDigest sentUnknown() {
        return sentUnknown;
    }

    /** Why sending failed, if it did. */
    public Exception failure() {
        return failure.get();
    }

    /** Stops sending (if still running) and waits briefly for the thread to end. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
