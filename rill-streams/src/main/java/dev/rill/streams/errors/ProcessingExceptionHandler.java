package dev.rill.streams.errors;

import dev.rill.streams.processor.api.Record;
import java.util.Map;
import org.apache.kafka.common.Configurable;

/** Decides what happens when a processor throws while processing a record. */
public interface ProcessingExceptionHandler extends Configurable {
    HandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception);

    @Override
    default void configure(Map<String, ?> configs) {
    }
}
