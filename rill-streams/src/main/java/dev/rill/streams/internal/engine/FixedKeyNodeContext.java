package dev.rill.streams.internal.engine;

import dev.rill.streams.processor.api.FixedKeyProcessorContext;
import dev.rill.streams.processor.api.FixedKeyRecord;
import dev.rill.streams.processor.api.Record;

/** The context handed to a {@code FixedKeyProcessor}. */
final class FixedKeyNodeContext extends BaseNodeContext implements FixedKeyProcessorContext<Object, Object> {
    FixedKeyNodeContext(TaskContext task, Node node) {
        super(task, node);
    }

    @Override
    public <V> void forward(FixedKeyRecord<Object, V> record) {
        node.forward(new Record<>(record.key(), record.value(), record.timestamp(), record.headers()));
    }

    @Override
    public <V> void forward(FixedKeyRecord<Object, V> record, String childName) {
        node.forward(new Record<>(record.key(), record.value(), record.timestamp(), record.headers()), childName);
    }
}
