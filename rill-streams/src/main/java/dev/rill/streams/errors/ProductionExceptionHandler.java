package dev.rill.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;

/** Decides what happens when an output record cannot be serialized or sent. */
public interface ProductionExceptionHandler extends Configurable {
    /** The broker or producer rejected a record. Fatal errors (e.g. authorization) fail regardless. */
    HandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception);

    /** A sink could not serialize a record's key or value. */
    default HandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                                         Exception exception) {
        return HandlerResponse.FAIL;
    }

    @Override
    default void configure(Map<String, ?> configs) {
    }
}
