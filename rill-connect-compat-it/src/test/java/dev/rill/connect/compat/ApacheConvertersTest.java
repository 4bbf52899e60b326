package dev.rill.connect.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.plugins.PluginDiscovery;

/**
 * Side by side with Apache's own converters (connect-runtime 4.3.1 from Apache's worker jars): the converters
 * Rill answers Apache's names with write the same bytes, read back the same schema and value, as record data and
 * as headers, reject the same wrong values, and report the same version.
 */
class ApacheConvertersTest {
    private static URLClassLoader apache;
    private static Plugins rill;

    @BeforeAll
    static void load() throws Exception {
        Path runtime = Path.of(System.getProperty("rill.connect.apache.worker.dir"), "connect-runtime-4.3.1.jar");
        apache = new URLClassLoader(new URL[] {runtime.toUri().toURL()}, ApacheConvertersTest.class.getClassLoader());
        rill = Plugins.discover(List.of(), PluginDiscovery.SERVICE_LOAD);
    }

    @AfterAll
    static void close() throws Exception {
        apache.close();
        rill.close();
    }

    private static Object apache(String simpleName) throws Exception {
        return apache.loadClass("org.apache.kafka.connect.converters." + simpleName).getConstructor().newInstance();
    }

    private static Object rill(String simpleName, PluginType type) {
        return rill.newInstance("org.apache.kafka.connect.converters." + simpleName, type, Object.class, null);
    }

    private static List<Object> samples(String simpleName) {
        return switch (simpleName) {
            case "BooleanConverter" -> List.of(true, false);
            case "ByteArrayConverter" -> List.of(new byte[] {1, 2, 3}, new byte[0]);
            case "DoubleConverter" -> List.of(2.5d, -0.0d, Double.MAX_VALUE);
            case "FloatConverter" -> List.of(1.25f, Float.MIN_VALUE);
            case "IntegerConverter" -> List.of(-42, Integer.MAX_VALUE);
            case "LongConverter" -> List.of(1234567890123L, Long.MIN_VALUE);
            case "ShortConverter" -> List.of((short) 300, Short.MIN_VALUE);
            default -> throw new IllegalArgumentException(simpleName);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"BooleanConverter", "ByteArrayConverter", "DoubleConverter", "FloatConverter",
            "IntegerConverter", "LongConverter", "ShortConverter"})
    void shouldConvertAsApachesConverterDoes(String simpleName) throws Exception {
        Converter a = (Converter) apache(simpleName);
        Converter r = (Converter) rill(simpleName, PluginType.CONVERTER);
        HeaderConverter ah = (HeaderConverter) apache(simpleName);
        HeaderConverter rh = (HeaderConverter) rill(simpleName, PluginType.HEADER_CONVERTER);
        a.configure(Map.of(), false);
        r.configure(Map.of(), false);
        ah.configure(Map.of("converter.type", "header")); // as both workers configure header converters
        rh.configure(Map.of("converter.type", "header"));
        assertThat(((Versioned) r).version()).isEqualTo(((Versioned) a).version()).isEqualTo("4.3.1");

        for (Object value : samples(simpleName)) {
            byte[] bytes = a.fromConnectData("t", null, value);
            assertThat(r.fromConnectData("t", null, value)).as("%s bytes", value).isEqualTo(bytes);
            assertThat(rh.fromConnectHeader("t", "h", null, value)).isEqualTo(ah.fromConnectHeader("t", "h", null, value));
            assertThat(r.toConnectData("t", bytes)).isEqualTo(a.toConnectData("t", bytes));
            assertThat(rh.toConnectHeader("t", "h", bytes)).isEqualTo(ah.toConnectHeader("t", "h", bytes));
        }
        assertThat(r.fromConnectData("t", null, null)).isEqualTo(a.fromConnectData("t", null, null));
        assertThat(r.toConnectData("t", null)).isEqualTo(a.toConnectData("t", null));

        Object wrong = simpleName.equals("BooleanConverter") ? (Object) "true" : (Object) List.of("x");
        assertThatThrownBy(() -> a.fromConnectData("t", null, wrong)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> r.fromConnectData("t", null, wrong)).isInstanceOf(DataException.class);
        if (simpleName.equals("BooleanConverter") || simpleName.equals("ByteArrayConverter")) {
            assertThatThrownBy(() -> a.fromConnectData("t", Schema.STRING_SCHEMA, samples(simpleName).get(0)))
                    .isInstanceOf(DataException.class);
            assertThatThrownBy(() -> r.fromConnectData("t", Schema.STRING_SCHEMA, samples(simpleName).get(0)))
                    .isInstanceOf(DataException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ByteArrayConverter"})
    void shouldAcceptByteBuffersAsApacheDoes(String simpleName) throws Exception {
        Converter a = (Converter) apache(simpleName);
        Converter r = (Converter) rill(simpleName, PluginType.CONVERTER);
        // Apache reads a buffer from its start (not its position) to its limit
        for (ByteBuffer buffer : List.of(ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 2),
                ByteBuffer.wrap(new byte[] {9, 1, 2, 3}).slice(1, 3), ByteBuffer.allocateDirect(3).put((byte) 7))) {
            assertThat(r.fromConnectData("t", Schema.BYTES_SCHEMA, buffer.duplicate()))
                    .isEqualTo(a.fromConnectData("t", Schema.BYTES_SCHEMA, buffer.duplicate()));
        }
    }
}
