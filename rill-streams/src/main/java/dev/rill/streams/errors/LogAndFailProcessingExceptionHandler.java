package dev.rill.streams.errors;

import dev.rill.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default: log and stop processing before the record's offset is committed. */
public class LogAndFailProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndFailProcessingExceptionHandler.class);

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("Processor {} failed on input record {}-{}@{} (task {}); stopping. To skip such records set "
                        + "processing.exception.handler to {}", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), context.taskId(),
                LogAndContinueProcessingExceptionHandler.class.getName(), exception);
        return HandlerResponse.FAIL;
    }
}
