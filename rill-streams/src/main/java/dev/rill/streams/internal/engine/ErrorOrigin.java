package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.ErrorHandlerContext;
import dev.rill.streams.processor.TaskId;
import org.apache.kafka.common.header.Headers;

/** An immutable snapshot of where a failing record came from, handed to exception handlers. */
public record ErrorOrigin(String topic, int partition, long offset, long timestamp, Headers headers,
                          String processorNodeId, TaskId taskId, byte[] sourceKey, byte[] sourceValue)
        implements ErrorHandlerContext {
}
