package dev.rill.streams.internal.engine;

import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.FixedKeyRecord;
import dev.rill.streams.processor.api.Record;

/** Runs a user {@link FixedKeyProcessor}. */
final class FixedKeyProcessorNode extends Node {
    private final FixedKeyProcessor<Object, Object, Object> processor;
    private TaskContext task;

    FixedKeyProcessorNode(String name, FixedKeyProcessor<Object, Object, Object> processor) {
        super(name);
        this.processor = processor;
    }

    @Override
    void init(TaskContext context) {
        this.task = context;
        processor.init(new FixedKeyNodeContext(context, this));
    }

    @Override
    void process(Record<Object, Object> record) {
        try {
            processor.process(new InternalFixedKeyRecord<>(record.key(), record.value(), record.timestamp(),
                    record.headers()));
        } catch (FatalRecordException | TaskMustStopException e) {
            throw e;
        } catch (RuntimeException e) {
            task.onProcessingError(name, record, e);
        }
    }

    @Override
    void close() {
        processor.close();
    }

    /** The runtime's way to create fixed-key records, whose constructor is closed to users. */
    static final class InternalFixedKeyRecord<K, V> extends FixedKeyRecord<K, V> {
        InternalFixedKeyRecord(K key, V value, long timestamp, org.apache.kafka.common.header.Headers headers) {
            super(key, value, timestamp, headers);
        }
    }
}
