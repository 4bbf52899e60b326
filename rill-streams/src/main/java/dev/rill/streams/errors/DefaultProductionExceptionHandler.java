package dev.rill.streams.errors;

import org.apache.kafka.clients.producer.ProducerRecord;

/** The default: any send or serialization failure stops processing. */
public class DefaultProductionExceptionHandler implements ProductionExceptionHandler {
    @Override
    public HandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return HandlerResponse.FAIL;
    }
}
