package dev.rill.streams.internal.engine;

import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;

/** The context handed to a {@code Processor}. */
final class ProcessorNodeContext extends BaseNodeContext implements ProcessorContext<Object, Object> {
    ProcessorNodeContext(TaskContext task, Node node) {
        super(task, node);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record) {
        node.forward((Record<Object, Object>) record);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record, String childName) {
        node.forward((Record<Object, Object>) record, childName);
    }
}
