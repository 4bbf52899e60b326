package dev.rill.connect.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import dev.rill.connect.internal.errors.ErrorContext;
import dev.rill.connect.internal.errors.ErrorHandler;
import dev.rill.connect.internal.errors.Stage;

/** Conversion in both directions with Apache's converters, and what a converter failure does. */
class RecordConversionTest {
    private final List<ErrorContext> reported = new ArrayList<>();

    private static Converters converters() {
        JsonConverter value = new JsonConverter();
        value.configure(Map.of("schemas.enable", "false"), false);
        StringConverter key = new StringConverter();
        key.configure(Map.of(), true);
        return new Converters(key, value, new SimpleHeaderConverter());
    }

    private RecordConversion conversion(boolean tolerateAll) {
        ErrorHandler errors = new ErrorHandler(0, 5, tolerateAll);
        errors.addReporter(c -> {
            reported.add(c);
            return CompletableFuture.completedFuture(null);
        });
        return new RecordConversion(converters(), errors);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(String key, String value) {
        return new ConsumerRecord<>("in", 1, 42L, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldConvertAConsumedRecordAndASourceRecord() {
        RecordConversion conversion = conversion(false);

        SinkRecord sink = conversion.toSinkRecord(consumed("k", "{\"a\":1}"));
        ProducerRecord<byte[], byte[]> produced = conversion.toProducerRecord(new SourceRecord(null, null, "out", 0,
                Schema.STRING_SCHEMA, "k", null, Map.of("a", 1)));

        assertThat(sink.key()).isEqualTo("k");
        assertThat(sink.value()).isEqualTo(Map.of("a", 1L));
        assertThat(sink.kafkaOffset()).isEqualTo(42L);
        assertThat(produced.topic()).isEqualTo("out");
        assertThat(produced.partition()).isZero();
        assertThat(new String(produced.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(reported).isEmpty();
    }

    @Test
    void shouldSkipAndReportARecordItCannotConvertWhenErrorsAreTolerated() {
        SinkRecord skipped = conversion(true).toSinkRecord(consumed("k", "{not json"));

        assertThat(skipped).isNull();
        assertThat(reported).singleElement().satisfies(c -> assertThat(c.stage()).isEqualTo(Stage.VALUE_CONVERTER));
    }

    @Test
    void shouldFailOnAnUnconvertibleRecordWhenNoErrorIsTolerated() {
        assertThatThrownBy(() -> conversion(false).toSinkRecord(consumed("k", "{not json")))
                .hasMessageContaining("Tolerance exceeded");
        assertThat(reported).hasSize(1);
    }
}
