package dev.rill.streams.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log the bad input record and skip it; it is counted in the {@code dropped-records-total} metric. */
public class LogAndContinueExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueExceptionHandler.class);

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("Skipping input record {}-{}@{} (task {}) that cannot be deserialized: {}", record.topic(),
                record.partition(), record.offset(), context.taskId(), exception.toString());
        return HandlerResponse.CONTINUE;
    }
}
