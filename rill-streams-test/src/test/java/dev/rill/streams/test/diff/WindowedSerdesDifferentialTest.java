package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Windowed keys serialize to the bytes of Kafka Streams 4.3.1's windowed serdes, and each reads the other's. */
class WindowedSerdesDifferentialTest {
    private static final List<String> KEYS = List.of("", "a", "key with spaces", "ключ");
    private static final long[][] WINDOWS = {{0, 10}, {1_700_000_000_000L, 1_700_000_300_000L}, {5, 5},
        {Long.MAX_VALUE - 10, Long.MAX_VALUE}};

    private static String rill(dev.rill.streams.kstream.Windowed<String> w) {
        return w == null ? "null" : w.key() + "@" + w.window().start() + "-" + w.window().end();
    }

    private static String apache(org.apache.kafka.streams.kstream.Windowed<String> w) {
        return w == null ? "null" : w.key() + "@" + w.window().start() + "-" + w.window().end();
    }

    @Test
    void timeWindowedKeysHaveKafkaStreamsBytesBothWays() {
        long size = 300_000L;
        var rillSerde = dev.rill.streams.kstream.WindowedSerdes.timeWindowedSerdeFrom(String.class, size);
        var apacheSerde = org.apache.kafka.streams.kstream.WindowedSerdes.timeWindowedSerdeFrom(String.class, size);
        for (String key : KEYS) {
            for (long[] w : WINDOWS) {
                long start = w[0];
                long end = start + size < 0 ? Long.MAX_VALUE : start + size;
                byte[] fromRill = rillSerde.serializer().serialize("t", new dev.rill.streams.kstream.Windowed<>(key,
                        new dev.rill.streams.kstream.TimeWindow(start, end)));
                byte[] fromApache = apacheSerde.serializer().serialize("t",
                        new org.apache.kafka.streams.kstream.Windowed<>(key,
                                new org.apache.kafka.streams.kstream.internals.TimeWindow(start, end)));
                assertThat(fromRill).as("bytes of %s@%s", key, start).isEqualTo(fromApache);
                assertThat(rill(rillSerde.deserializer().deserialize("t", fromApache)))
                        .isEqualTo(apache(apacheSerde.deserializer().deserialize("t", fromRill)))
                        .isEqualTo(key + "@" + start + "-" + end);
            }
        }
        assertThat(rillSerde.serializer().serialize("t", null)).isEqualTo(
                apacheSerde.serializer().serialize("t", null));
        assertThat(rill(rillSerde.deserializer().deserialize("t", null)))
                .isEqualTo(apache(apacheSerde.deserializer().deserialize("t", null)));
    }

    @Test
    void changelogKeysOfWindowStoresReadTheSame() {
        var rillSerde = new dev.rill.streams.kstream.WindowedSerdes.TimeWindowedSerde<>(Serdes.String(), 10_000L)
                .forChangelog(true);
        var apacheSerde = new org.apache.kafka.streams.kstream.WindowedSerdes.TimeWindowedSerde<>(Serdes.String(),
                10_000L).forChangelog(true);
        byte[] storeKey = ByteBuffer.allocate(3 + 12).put("abc".getBytes()).putLong(70_000L).putInt(7).array();
        assertThat(rill(rillSerde.deserializer().deserialize("t", storeKey)))
                .isEqualTo(apache(apacheSerde.deserializer().deserialize("t", storeKey)))
                .isEqualTo("abc@70000-80000");
    }

    @Test
    void sessionWindowedKeysHaveKafkaStreamsBytesBothWays() {
        var rillSerde = dev.rill.streams.kstream.WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        var apacheSerde = org.apache.kafka.streams.kstream.WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        for (String key : KEYS) {
            for (long[] w : WINDOWS) {
                byte[] fromRill = rillSerde.serializer().serialize("t", new dev.rill.streams.kstream.Windowed<>(key,
                        new dev.rill.streams.kstream.SessionWindow(w[0], w[1])));
                byte[] fromApache = apacheSerde.serializer().serialize("t",
                        new org.apache.kafka.streams.kstream.Windowed<>(key,
                                new org.apache.kafka.streams.kstream.internals.SessionWindow(w[0], w[1])));
                assertThat(fromRill).as("bytes of %s@%s-%s", key, w[0], w[1]).isEqualTo(fromApache);
                assertThat(rill(rillSerde.deserializer().deserialize("t", fromApache)))
                        .isEqualTo(apache(apacheSerde.deserializer().deserialize("t", fromRill)))
                        .isEqualTo(key + "@" + w[0] + "-" + w[1]);
            }
        }
    }

    @Test
    void serdesConfiguredByClassNameMatch() {
        Map<String, Object> configs = Map.of("windowed.inner.serializer.class", Serdes.StringSerde.class.getName(),
                "windowed.inner.deserializer.class", Serdes.StringSerde.class.getName(), "window.size.ms", "1000");
        var rillTime = new dev.rill.streams.kstream.WindowedSerdes.TimeWindowedSerde<String>();
        rillTime.configure(configs, true);
        var apacheTime = new org.apache.kafka.streams.kstream.WindowedSerdes.TimeWindowedSerde<String>();
        apacheTime.configure(configs, true);
        byte[] bytes = apacheTime.serializer().serialize("t", new org.apache.kafka.streams.kstream.Windowed<>("k",
                new org.apache.kafka.streams.kstream.internals.TimeWindow(2_000, 3_000)));
        assertThat(rillTime.serializer().serialize("t", new dev.rill.streams.kstream.Windowed<>("k",
                new dev.rill.streams.kstream.TimeWindow(2_000, 3_000)))).isEqualTo(bytes);
        assertThat(rill(rillTime.deserializer().deserialize("t", bytes))).isEqualTo("k@2000-3000");

        var rillSession = new dev.rill.streams.kstream.WindowedSerdes.SessionWindowedSerde<String>();
        rillSession.configure(configs, true);
        var apacheSession = new org.apache.kafka.streams.kstream.WindowedSerdes.SessionWindowedSerde<String>();
        apacheSession.configure(configs, true);
        byte[] session = apacheSession.serializer().serialize("t", new org.apache.kafka.streams.kstream.Windowed<>(
                "k", new org.apache.kafka.streams.kstream.internals.SessionWindow(1, 9)));
        assertThat(rill(rillSession.deserializer().deserialize("t", session))).isEqualTo("k@1-9");
    }
}
