package dev.rill.streams.internal.engine;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.Record;

/** Runs a user {@link Processor}; a failure inside it goes to the processing exception handler. */
final class ProcessorNode extends Node {
    private final Processor<Object, Object, Object, Object> processor;
    private TaskContext task;

    ProcessorNode(String name, Processor<Object, Object, Object, Object> processor) {
        super(name);
        this.processor = processor;
    }

    @Override
    void init(TaskContext context) {
        this.task = context;
        processor.init(new ProcessorNodeContext(context, this));
    }

    @Override
    void process(Record<Object, Object> record) {
        try {
            processor.process(record);
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
}
