package dev.rill.connect.internal.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

import dev.rill.connect.internal.errors.ErrorHandler;
import dev.rill.connect.internal.errors.Stage;

/**
 * Converts records between Kafka's bytes and Connect's data with one task's key, value and header converters,
 * applying the task's error handling ({@code errors.retry.*}, {@code errors.tolerance}) to every converter call.
 * Both directions return null when a conversion failed and the failure is tolerated (the record is skipped); an
 * intolerable failure is thrown. Each converter runs once on the fast path; only a failure goes through the
 * {@link ErrorHandler}.
 */
final class RecordConversion {
    private final Converters converters;
    private final ErrorHandler errors;

    RecordConversion(Converters converters, ErrorHandler errors) {
        this.converters = converters;
        this.errors = errors;
    }

    /** A consumed record as the sink task sees it (key, value, then headers are converted). */
    SinkRecord toSinkRecord(ConsumerRecord<byte[], byte[]> r) {
        SchemaAndValue key;
        try {
            key = converters.key().toConnectData(r.topic(), r.headers(), r.key());
        } catch (Exception e) {
            key = errors.handle(Stage.KEY_CONVERTER, converters.key().getClass(), r, null, e,
                    () -> converters.key().toConnectData(r.topic(), r.headers(), r.key()));
            if (errors.lastFailed()) {
                return null;
            }
        }
        SchemaAndValue value;
        try {
            value = converters.value().toConnectData(r.topic(), r.headers(), r.value());
        } catch (Exception e) {
            value = errors.handle(Stage.VALUE_CONVERTER, converters.value().getClass(), r, null, e,
                    () -> converters.value().toConnectData(r.topic(), r.headers(), r.value()));
            if (errors.lastFailed()) {
                return null;
            }
        }
        ConnectHeaders headers = new ConnectHeaders();
        for (Header h : r.headers()) {
            SchemaAndValue hv = errors.execute(Stage.HEADER_CONVERTER, converters.header().getClass(), r, null,
                    () -> converters.header().toConnectHeader(r.topic(), h.key(), h.value()));
            if (errors.lastFailed()) {
                return null;
            }
            headers.add(h.key(), hv);
        }
        Long timestamp = r.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? null : r.timestamp();
        return new SinkRecord(r.topic(), r.partition(), key.schema(), key.value(), value.schema(), value.value(),
                r.offset(), timestamp, r.timestampType(), headers);
    }

    /** A (transformed) source record as the producer sends it (headers, key, then value are converted). */
    ProducerRecord<byte[], byte[]> toProducerRecord(SourceRecord record) {
        String topic = record.topic();
        Headers headers = toKafkaHeaders(record);
        if (headers == null) {
            return null;
        }
        byte[] key;
        try {
            key = converters.key().fromConnectData(topic, headers, record.keySchema(), record.key());
        } catch (Exception e) {
            key = errors.handle(Stage.KEY_CONVERTER, converters.key().getClass(), null, record, e,
                    () -> converters.key().fromConnectData(topic, headers, record.keySchema(), record.key()));
            if (errors.lastFailed()) {
                return null;
            }
        }
        byte[] value;
        try {
            value = converters.value().fromConnectData(topic, headers, record.valueSchema(), record.value());
        } catch (Exception e) {
            value = errors.handle(Stage.VALUE_CONVERTER, converters.value().getClass(), null, record, e,
                    () -> converters.value().fromConnectData(topic, headers, record.valueSchema(), record.value()));
            if (errors.lastFailed()) {
                return null;
            }
        }
        return new ProducerRecord<>(topic, record.kafkaPartition(),
                record.timestamp() == null || record.timestamp() < 0 ? null : record.timestamp(), key, value, headers);
    }

    private Headers toKafkaHeaders(SourceRecord record) {
        // a throw-away record is the public way to get a mutable Headers instance
        Headers out = new ProducerRecord<byte[], byte[]>(record.topic(), null).headers();
        if (record.headers() == null) {
            return out;
        }
        for (org.apache.kafka.connect.header.Header h : record.headers()) {
            byte[] bytes = errors.execute(Stage.HEADER_CONVERTER, converters.header().getClass(), null, record,
                    () -> converters.header().fromConnectHeader(record.topic(), h.key(), h.schema(), h.value()));
            if (errors.lastFailed()) {
                return null;
            }
            out.add(h.key(), bytes);
        }
        return out;
    }
}
