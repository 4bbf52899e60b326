package dev.rill.streams.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default: log the bad input record and stop processing before its offset is committed. */
public class LogAndFailExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndFailExceptionHandler.class);

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.error("Cannot deserialize input record {}-{}@{} (task {}); stopping. To skip such records set "
                        + "deserialization.exception.handler to {}", record.topic(), record.partition(), record.offset(),
                context.taskId(), LogAndContinueExceptionHandler.class.getName(), exception);
        return HandlerResponse.FAIL;
    }
}
