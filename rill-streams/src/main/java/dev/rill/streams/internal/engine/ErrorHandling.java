package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.DeserializationExceptionHandler;
import dev.rill.streams.errors.HandlerResponse;
import dev.rill.streams.errors.ProcessingExceptionHandler;
import dev.rill.streams.errors.ProductionExceptionHandler;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.SimpleHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured exception handlers: a CONTINUE answer drops the record, counts it, and sends it to the
 * dead-letter topic if one is configured; a FAIL answer throws {@link FatalRecordException}.
 */
public final class ErrorHandling {
    public static final String HEADER_PREFIX = "__streams.errors.";
    public static final String HEADER_EXCEPTION = HEADER_PREFIX + "exception";
    public static final String HEADER_MESSAGE = HEADER_PREFIX + "message";
    public static final String HEADER_STACKTRACE = HEADER_PREFIX + "stacktrace";
    public static final String HEADER_TOPIC = HEADER_PREFIX + "topic";
    public static final String HEADER_PARTITION = HEADER_PREFIX + "partition";
    public static final String HEADER_OFFSET = HEADER_PREFIX + "offset";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private final DeserializationExceptionHandler deserializationHandler;
    private final ProcessingExceptionHandler processingHandler;
    private final ProductionExceptionHandler productionHandler;
    private final String deadLetterTopic;
    private final TaskMetrics metrics;

    public ErrorHandling(StreamsConfig config, TaskMetrics metrics) {
        this.deserializationHandler = config.deserializationExceptionHandler();
        this.processingHandler = config.processingExceptionHandler();
        this.productionHandler = config.productionExceptionHandler();
        this.deadLetterTopic = config.deadLetterQueueTopic();
        this.metrics = metrics;
    }

    void onDeserializationError(ErrorOrigin origin, ConsumerRecord<byte[], byte[]> raw, RuntimeException error,
                                RecordCollector collector) {
        HandlerResponse response = deserializationHandler.handle(origin, raw, error);
        if (response != HandlerResponse.CONTINUE) {
            throw new FatalRecordException("Deserialization of input record " + where(origin) + " failed and "
                    + "deserialization.exception.handler answered " + response + ". Fix the data or the serde, or "
                    + "configure LogAndContinueExceptionHandler and a dead-letter topic.", error);
        }
        drop(origin, error, collector);
    }

    void onProcessingError(ErrorOrigin origin, Record<?, ?> record, RuntimeException error, RecordCollector collector) {
        HandlerResponse response;
        try {
            response = processingHandler.handle(origin, record, error);
        } catch (RuntimeException handlerFailure) {
            handlerFailure.addSuppressed(error);
            throw new FatalRecordException("processing.exception.handler itself failed", handlerFailure);
        }
        if (response != HandlerResponse.CONTINUE) {
            String advice = error instanceof ClassCastException
                    ? " A ClassCastException usually means a serde does not match the data: check the Serde setup "
                    + "(default.key.serde / default.value.serde, Consumed, Produced)." : "";
            throw new FatalRecordException("Processor " + origin.processorNodeId() + " failed on input record "
                    + where(origin) + " and processing.exception.handler answered " + response + "." + advice, error);
        }
        drop(origin, error, collector);
    }

    void onSerializationError(ErrorOrigin origin, ProducerRecord<?, ?> record, RuntimeException error,
                              RecordCollector collector) {
        HandlerResponse response = productionHandler.handleSerializationException(origin, record, error);
        if (response != HandlerResponse.CONTINUE) {
            throw new FatalRecordException("Sink " + origin.processorNodeId() + " could not serialize a record for "
                    + "topic " + record.topic() + " (from input " + where(origin) + "): " + error
                    + ". Check the Serde setup: the sink's serializers must match the key and value types that reach it.",
                    error);
        }
        drop(origin, error, collector);
    }

    /** Called on the stream thread for a send that failed asynchronously. */
    public void onSendError(ErrorOrigin origin, ProducerRecord<byte[], byte[]> record, Exception error,
                            RecordCollector collector) {
        decideOnSendError(origin, record, error);
        drop(origin, error, collector);
    }

    /**
     * Asks production.exception.handler about a failed send without dropping the record yet (exactly-once drops it
     * in the replayed transaction, see {@link #dropUnsent}).
     *
     * @throws FatalRecordException unless the handler answered CONTINUE
     */
    public void decideOnSendError(ErrorOrigin origin, ProducerRecord<byte[], byte[]> record, Exception error) {
        HandlerResponse response = productionHandler.handle(origin, record, error);
        if (response != HandlerResponse.CONTINUE) {
            throw new FatalRecordException("Sending a record to " + record.topic() + " (from input " + where(origin)
                    + ") failed and production.exception.handler answered " + response + ": " + error, error);
        }
    }

    /** Drops a record the handler let go after its send failed: counts it and sends its input to the dead-letter topic. */
    public void dropUnsent(ErrorOrigin origin, Exception error, RecordCollector collector) {
        drop(origin, error, collector);
    }

    /** Counts a record dropped without an error (e.g. too late for its window) in the dropped-records metric. */
    void recordDropped() {
        metrics.recordDropped();
    }

    private void drop(ErrorOrigin origin, Exception error, RecordCollector collector) {
        metrics.recordDropped();
        if (deadLetterTopic == null) {
            return;
        }
        Headers headers = new SimpleHeaders(origin.headers());
        headers.add(HEADER_EXCEPTION, utf8(error.getClass().getName()));
        headers.add(HEADER_MESSAGE, utf8(String.valueOf(error.getMessage())));
        headers.add(HEADER_STACKTRACE, utf8(stackTrace(error)));
        headers.add(HEADER_TOPIC, utf8(String.valueOf(origin.topic())));
        headers.add(HEADER_PARTITION, utf8(String.valueOf(origin.partition())));
        headers.add(HEADER_OFFSET, utf8(String.valueOf(origin.offset())));
        LOG.debug("Sending input record {} to dead-letter topic {}", where(origin), deadLetterTopic);
        collector.send(deadLetterTopic, null, origin.timestamp(), origin.sourceKey(), origin.sourceValue(), headers,
                new ErrorOrigin(deadLetterTopic, -1, -1, origin.timestamp(), headers, "dead-letter-queue",
                        origin.taskId(), null, null));
    }

    private static String where(ErrorOrigin origin) {
        return origin.topic() + "-" + origin.partition() + "@" + origin.offset() + " (task " + origin.taskId() + ")";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
