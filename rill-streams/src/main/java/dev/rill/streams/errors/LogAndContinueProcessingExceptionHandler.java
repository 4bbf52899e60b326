package dev.rill.streams.errors;

import dev.rill.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log and drop the record at the failing processor; other branches of the topology still see it. */
public class LogAndContinueProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueProcessingExceptionHandler.class);

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("Processor {} failed on input record {}-{}@{} (task {}); skipping it: {}", context.processorNodeId(),
                context.topic(), context.partition(), context.offset(), context.taskId(), exception.toString());
        return HandlerResponse.CONTINUE;
    }
}
