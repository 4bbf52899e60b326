package dev.rill.connect.datagen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits generated payments. Source partition {@code {"task": id}}, source offset {@code {"sequence": n}}
 * of the last record; a restarted task continues at {@code n + 1}.
 */
public class DatagenTask extends SourceTask {
    public static final String PARTITION_TASK = "task";
    public static final String OFFSET_SEQUENCE = "sequence";
    private static final long IDLE_WAIT_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DatagenTask.class);

    private final Object sleeper = new Object();
    private DatagenConfig config;
    private PaymentGenerator generator;
    private Pacer pacer;
    private Map<String, Object> partition;
    private long nextSequence;
    private long limit;
    private volatile boolean stopping;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DatagenConfig(props);
        if (config.seed() == null) {
            throw new ConnectException("Task config has no " + DatagenConfig.SEED + "; the connector sets one for"
                    + " every task. Start datagen tasks through RillDatagenConnector.");
        }
        generator = new PaymentGenerator(config.seed(), config.taskId(), config.customers(),
                config.unknownCustomerRatio());
        pacer = Pacer.of(config.taskRecordsPerSecond(), config.maxIntervalMs());
        partition = Map.of(PARTITION_TASK, config.taskId());
        nextSequence = resumeSequence();
        limit = config.taskIterations();
        LOG.info("Datagen task {} of {} starts at sequence {} (limit {}) into {}", config.taskId(),
                config.taskCount(), nextSequence, limit < 0 ? "none" : limit, config.topic());
    }

    private long resumeSequence() {
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        if (offset == null || offset.get(OFFSET_SEQUENCE) == null) {
            return 0;
        }
        Object value = offset.get(OFFSET_SEQUENCE);
        if (!(value instanceof Number number)) {
            throw new ConnectException("Stored offset " + offset + " for " + partition + " has a non-numeric "
                    + OFFSET_SEQUENCE + "; reset the connector's offsets to start the sequence again.");
        }
        return number.longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (limit >= 0 && nextSequence >= limit) {
            pause(TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MS));
            return null;
        }
        long wait = pacer.waitNanos();
        if (wait > 0) {
            pause(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MS)));
            if (pacer.waitNanos() > 0) {
                return null;
            }
        }
        if (stopping) {
            return null;
        }
        int count = pacer.take(config.batchSize());
        if (limit >= 0) {
            count = (int) Math.min(count, limit - nextSequence);
        }
        List<SourceRecord> records = new ArrayList<>(count);
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            long sequence = nextSequence++;
            PaymentGenerator.Payment payment = generator.generate(sequence, now);
            records.add(new SourceRecord(partition, Map.of(OFFSET_SEQUENCE, sequence), config.topic(), null,
                    Schema.STRING_SCHEMA, payment.key(), PaymentGenerator.VALUE_SCHEMA, payment.value(), now));
        }
        return records.isEmpty() ? null : records;
    }

    private void pause(long nanos) throws InterruptedException {
        synchronized (sleeper) {
            if (!stopping) {
                TimeUnit.NANOSECONDS.timedWait(sleeper, nanos);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (sleeper) {
            stopping = true;
            sleeper.notifyAll();
        }
    }
}
