package dev.rill.connect.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The stand-ins for Apache Kafka's {@code org.apache.kafka.connect.converters.*}: bytes, schemas and errors. */
class ConvertersTest {

    static Stream<Arguments> numberConverters() {
        return Stream.of(
                Arguments.of(new LongConverter(), Schema.OPTIONAL_INT64_SCHEMA, 1234567890123L,
                        new LongSerializer().serialize("t", 1234567890123L), 7),
                Arguments.of(new IntegerConverter(), Schema.OPTIONAL_INT32_SCHEMA, -42,
                        new IntegerSerializer().serialize("t", -42), 3),
                Arguments.of(new DoubleConverter(), Schema.OPTIONAL_FLOAT64_SCHEMA, 2.5d,
                        new DoubleSerializer().serialize("t", 2.5d), 3),
                Arguments.of(new FloatConverter(), Schema.OPTIONAL_FLOAT32_SCHEMA, -1.25f,
                        new FloatSerializer().serialize("t", -1.25f), 5),
                Arguments.of(new ShortConverter(), Schema.OPTIONAL_INT16_SCHEMA, (short) 300,
                        new ShortSerializer().serialize("t", (short) 300), 3));
    }

    @ParameterizedTest
    @MethodSource("numberConverters")
    void shouldWriteTheKafkaClientsSerdeBytesAndReadThemBackWithTheOptionalSchema(Object converter, Schema schema,
            Object value, byte[] bytes, int wrongLength) throws Exception {
        Converter c = (Converter) converter;
        HeaderConverter h = (HeaderConverter) converter;
        c.configure(Map.of(), false);

        assertThat(c.fromConnectData("t", schema, value)).isEqualTo(bytes);
        assertThat(c.toConnectData("t", bytes)).isEqualTo(new SchemaAndValue(schema, value));
        assertThat(h.fromConnectHeader("t", "h", schema, value)).isEqualTo(bytes);
        assertThat(h.toConnectHeader("t", "h", bytes)).isEqualTo(new SchemaAndValue(schema, value));
        assertThat(c.fromConnectData("t", schema, null)).isNull();
        assertThat(c.toConnectData("t", null)).isEqualTo(new SchemaAndValue(schema, null));
        c.close();
    }

    @ParameterizedTest
    @MethodSource("numberConverters")
    void shouldNameTheExpectedTypeAndTheValueFoundOnAMismatch(Object converter, Schema schema, Object value,
            byte[] bytes, int wrongLength) {
        Converter c = (Converter) converter;
        assertThatThrownBy(() -> c.fromConnectData("t", schema, "text"))
                .isInstanceOf(DataException.class)
                .hasMessage(converter.getClass().getSimpleName() + " expects " + schema.type()
                        + " values but found java.lang.String; use a converter that matches the record's type");
        assertThatThrownBy(() -> c.toConnectData("orders", new byte[wrongLength]))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Failed to read a " + schema.type() + " value from topic orders: ");
    }

    @Test
    void shouldReportTheVersionOfTheApacheConvertersTheyStandInForAndNoConfig() {
        for (Object converter : new Object[] {new ByteArrayConverter(), new LongConverter(), new IntegerConverter(),
                new DoubleConverter(), new FloatConverter(), new ShortConverter(), new BooleanConverter()}) {
            assertThat(((org.apache.kafka.connect.components.Versioned) converter).version())
                    .isEqualTo("4.3.1");
            assertThat(((Converter) converter).config().names()).isEmpty();
        }
    }

    @Test
    void shouldConvertBooleansAsOneByteAndRejectOtherSchemasAndTypes() {
        BooleanConverter c = new BooleanConverter();
        assertThat(c.fromConnectData("t", Schema.BOOLEAN_SCHEMA, true)).containsExactly(1);
        assertThat(c.fromConnectData("t", null, false)).containsExactly(0);
        assertThat(c.fromConnectData("t", null, null)).isNull();
        assertThat(c.toConnectData("t", new byte[] {1})).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, true));
        assertThat(c.toConnectHeader("t", "h", new byte[] {0}).value()).isEqualTo(false);
        assertThat(c.toConnectData("t", null)).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, null));
        assertThatThrownBy(() -> c.fromConnectData("t", Schema.INT8_SCHEMA, true))
                .isInstanceOf(DataException.class).hasMessageStartingWith("BooleanConverter expects a BOOLEAN schema");
        assertThatThrownBy(() -> c.fromConnectData("t", null, "yes"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("BooleanConverter expects BOOLEAN values but found java.lang.String");
        assertThatThrownBy(() -> c.toConnectData("orders", new byte[2]))
                .isInstanceOf(DataException.class).hasMessageStartingWith("Failed to read a BOOLEAN value from topic orders");
    }

    @Test
    void shouldPassBytesAndByteBuffersThroughUnchanged() {
        ByteArrayConverter c = new ByteArrayConverter();
        byte[] bytes = {1, 2, 3};
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 3);

        assertThat(c.fromConnectData("t", Schema.BYTES_SCHEMA, bytes)).isSameAs(bytes);
        assertThat(c.fromConnectData("t", null, buffer)).containsExactly(9, 1, 2, 3); // from the start, as Apache
        buffer.position(2);
        assertThat(c.fromConnectData("t", null, buffer.slice())).containsExactly(2, 3);
        assertThat(buffer.remaining()).isEqualTo(2);
        assertThat(c.fromConnectData("t", null, null)).isNull();
        assertThat(c.toConnectData("t", bytes)).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, bytes));
        assertThat(c.fromConnectHeader("t", "h", null, bytes)).isSameAs(bytes);
        assertThat(c.toConnectHeader("t", "h", bytes).value()).isSameAs(bytes);
    }

    @Test
    void shouldRejectOtherSchemasAndValueTypesForBytes() {
        ByteArrayConverter c = new ByteArrayConverter();
        assertThatThrownBy(() -> c.fromConnectData("t", Schema.STRING_SCHEMA, "x"))
                .isInstanceOf(DataException.class)
                .hasMessage("ByteArrayConverter expects a BYTES schema but the record has STRING; use a converter for"
                        + " that type, e.g. JsonConverter or StringConverter");
        assertThatThrownBy(() -> c.fromConnectData("t", null, 5))
                .isInstanceOf(DataException.class)
                .hasMessage("ByteArrayConverter expects byte[] or ByteBuffer values but found java.lang.Integer");
    }
}
