package dev.rill.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;

/** Decides what happens to an input record whose key or value cannot be deserialized. */
public interface DeserializationExceptionHandler extends Configurable {
    HandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception);

    @Override
    default void configure(Map<String, ?> configs) {
    }
}
