package dev.rill.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.connect.jdbc.internal.dialect.TableId;
import dev.rill.connect.jdbc.internal.sink.Column;
import dev.rill.connect.jdbc.internal.sink.JdbcSinkConfig;
import dev.rill.connect.jdbc.internal.sink.RecordDoesNotFitException;
import dev.rill.connect.jdbc.internal.sink.RowExtractor;
import dev.rill.connect.jdbc.internal.sink.SchemalessValues;
import dev.rill.connect.jdbc.internal.sink.SinkRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RowExtractorTest {
    private static final TableId TABLE = new TableId(null, "t");
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

    private static RowExtractor extractor(String... keyValues) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("connection.url", "jdbc:sqlite::memory:"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new RowExtractor(new JdbcSinkConfig(props));
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    @Test
    void shouldUseAPrimitiveKeyAsTheNamedKeyColumnAndKeepValueFields() {
        SinkRecord record = new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k1", VALUE,
                new Struct(VALUE).put("id", 1).put("name", "x"), 3);
        SinkRow row = extractor("pk.mode", "record_key", "pk.fields", "code").extract(record, TABLE);
        assertThat(names(row.keys())).containsExactly("code");
        assertThat(row.keys().get(0).value()).isEqualTo("k1");
        assertThat(names(row.values())).containsExactly("id", "name");
    }

    @Test
    void shouldTakeKeyColumnsFromTheValueAndNotRepeatThemAsValues() {
        SinkRecord record = new SinkRecord("t", 0, null, null, VALUE, new Struct(VALUE).put("id", 1), 3);
        SinkRow row = extractor("pk.mode", "record_value", "pk.fields", "id").extract(record, TABLE);
        assertThat(names(row.keys())).containsExactly("id");
        assertThat(names(row.values())).containsExactly("name");
    }

    @Test
    void shouldWriteOnlyWhitelistedValueFieldsButAlwaysTheKey() {
        Schema three = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA)
                .field("secret", Schema.STRING_SCHEMA).build();
        SinkRecord record = new SinkRecord("t", 0, null, null, three,
                new Struct(three).put("id", 1).put("name", "x").put("secret", "s"), 3);
        SinkRow row = extractor("pk.mode", "record_value", "pk.fields", "id", "fields.whitelist", "name")
                .extract(record, TABLE);
        assertThat(names(row.keys())).containsExactly("id");
        assertThat(names(row.values())).containsExactly("name");
    }

    @Test
    void shouldTurnATombstoneIntoADeleteOnlyWhenEnabled() {
        SinkRecord tombstone = new SinkRecord("t", 0, Schema.INT64_SCHEMA, 5L, VALUE, null, 9);
        assertThat(extractor("pk.mode", "record_key").extract(tombstone, TABLE)).isNull();
        SinkRow delete = extractor("pk.mode", "record_key", "delete.enabled", "true").extract(tombstone, TABLE);
        assertThat(delete.delete()).isTrue();
        assertThat(names(delete.keys())).containsExactly("__connect_key");
    }

    @Test
    void shouldExplainANullKeyAndAPrimitiveValue() {
        SinkRecord noKey = new SinkRecord("orders", 1, null, null, VALUE, new Struct(VALUE).put("id", 1), 7);
        assertThatThrownBy(() -> extractor("pk.mode", "record_key").extract(noKey, TABLE))
                .isInstanceOf(RecordDoesNotFitException.class)
                .hasMessageContaining("Record orders-1@7 has a null key, but pk.mode=record_key");
        SinkRecord text = new SinkRecord("orders", 1, null, null, Schema.STRING_SCHEMA, "hello", 8);
        assertThatThrownBy(() -> extractor().extract(text, TABLE))
                .hasMessageContaining("The value of record orders-1@8 is a STRING (hello)");
    }

    @Test
    void shouldRejectNestedStructFieldsWithAdvice() {
        Schema nested = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("address",
                SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build()).build();
        Struct value = new Struct(nested).put("id", 1)
                .put("address", new Struct(nested.field("address").schema()).put("city", "Bern"));
        SinkRecord record = new SinkRecord("t", 0, null, null, nested, value, 1);
        assertThatThrownBy(() -> extractor().extract(record, TABLE))
                .hasMessageContaining("Field 'address' of the value of record t-0@1 has Connect type STRUCT")
                .hasMessageContaining("Flatten");
    }

    @Test
    void shouldInferSchemalessTypesAndWriteNestedValuesAsJson() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1);
        nested.put("b", List.of("x\"y", true));
        assertThat(SchemalessValues.column("n", nested).value()).isEqualTo("{\"a\":1,\"b\":[\"x\\\"y\",true]}");
        assertThat(SchemalessValues.column("i", 5).schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(SchemalessValues.column("i", 5).value()).isEqualTo(5L);
        assertThat(SchemalessValues.column("d", 2.5f).schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(SchemalessValues.column("z", null).schema()).isNull();
    }
}
