package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.ProcessingContext;
import dev.rill.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/** What all processor contexts share: they delegate to the task, bound to one node. */
abstract class BaseNodeContext implements ProcessingContext, dev.rill.streams.internal.metrics.DroppedRecordsSensor,
        dev.rill.streams.internal.processor.CommittedProcessorMetadata {
    final TaskContext task;
    final Node node;

    BaseNodeContext(TaskContext task, Node node) {
        this.task = task;
        this.node = node;
    }

    @Override
    public String applicationId() {
        return task.applicationId();
    }

    @Override
    public TaskId taskId() {
        return task.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return task.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
        return task.defaultKeySerde().orElse(null);
    }

    @Override
    public Serde<?> valueSerde() {
        return task.defaultValueSerde().orElse(null);
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.appConfigs();
    }

    @Override
    public dev.rill.streams.StreamsMetrics metrics() {
        return task.streamsMetrics();
    }

    @Override
    public File stateDir() {
        return task.stateDir();
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        long ms = interval.toMillis();
        if (ms < 1) {
            throw new IllegalArgumentException("Punctuation interval must be at least 1 ms but was " + interval
                    + "; pass a longer Duration.");
        }
        return task.schedule(node, ms, type, callback);
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        long ms = interval.toMillis();
        if (ms < 1) {
            throw new IllegalArgumentException("Punctuation interval must be at least 1 ms but was " + interval
                    + "; pass a longer Duration.");
        }
        if (startTime.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("Punctuation start time must not be before Instant.EPOCH but was "
                    + startTime + ".");
        }
        return task.schedule(node, startTime.toEpochMilli(), ms, type, callback);
    }

    @Override
    public void commit() {
        task.requestCommit();
    }

    @Override
    public void recordDroppedRecord() {
        task.recordDropped();
    }

    @Override
    public Long processorMetadata(String key) {
        return task.processorMetadata(key);
    }

    @Override
    public void putProcessorMetadata(String key, long value) {
        task.putProcessorMetadata(key, value);
    }

    @Override
    public long currentStreamTimeMs() {
        return task.streamTime();
    }

    @Override
    public long currentSystemTimeMs() {
        return task.wallClockMillis();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        StateStore s = node.stores.contains(name) || task.isGlobalStore(name) ? task.store(name) : null;
        if (s == null) {
            throw new StreamsException("Processor " + node.name + " asked for state store '" + name + "', but no store "
                    + "of that name is connected to it; it is connected to " + node.stores + ". Connect the store with "
                    + "Topology.addStateStore(builder, \"" + node.name + "\") or pass its name to process(...).");
        }
        return (S) s;
    }
}
