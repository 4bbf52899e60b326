package dev.rill.connect.internal.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.connector.ConnectRecord;

/** What failed: the stage, the class executing it, the error and the record (raw consumer record for sinks). */
public record ErrorContext(Stage stage, Class<?> executingClass, Throwable error,
                           ConsumerRecord<byte[], byte[]> consumerRecord, ConnectRecord<?> connectRecord) {
}
