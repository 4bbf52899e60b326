package dev.rill.streams.errors;

import dev.rill.streams.processor.TaskId;
import org.apache.kafka.common.header.Headers;

/** Where a failure happened: the input record's origin and the processor node involved. */
public interface ErrorHandlerContext {
    String topic();

    int partition();

    long offset();

    long timestamp();

    Headers headers();

    /** The node that failed, or null for deserialization failures at the source. */
    String processorNodeId();

    TaskId taskId();
}
