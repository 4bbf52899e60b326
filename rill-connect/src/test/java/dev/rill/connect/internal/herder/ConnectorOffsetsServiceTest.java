package dev.rill.connect.internal.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.internal.herder.Herder.ConnectorOffset;
import dev.rill.connect.internal.storage.FileOffsetStore;
import dev.rill.connect.internal.storage.OffsetCodec;

/** The offsets API on a real offset file, with a source connector that records what it was asked to accept. */
class ConnectorOffsetsServiceTest {
    @TempDir
    Path dir;

    private final OffsetCodec codec = new OffsetCodec();
    private FileOffsetStore store;
    private final List<Map<Map<String, ?>, Map<String, ?>>> seenByConnector = new ArrayList<>();
    private Boolean connectorManagesOffsets = false;
    private RuntimeException connectorRejects;

    @BeforeEach
    void openStore() {
        store = new FileOffsetStore(dir.resolve("offsets"));
        store.start();
    }

    private ConnectorOffsetsService service() {
        ConnectorOffsetsService.ConnectorCaller caller = new ConnectorOffsetsService.ConnectorCaller() {
            @Override
            public <T> T call(String connectorClass, Function<Connector, T> call) {
                assertThat(connectorClass).isEqualTo(AlteringSource.class.getName());
                return call.apply(new AlteringSource());
            }
        };
        return new ConnectorOffsetsService(config -> store, codec, () -> {
            throw new AssertionError("a source connector's offsets never need the admin client");
        }, caller);
    }

    private static ConnectorOffsetsService.Target source(String name) {
        return new ConnectorOffsetsService.Target(name, false,
                () -> Map.of("name", name, "connector.class", AlteringSource.class.getName()));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldListOnlyTheConnectorsOwnSourceOffsets() {
        store.set(Map.of(codec.key("a", Map.of("file", "x")), codec.value(Map.of("position", 42L)),
                codec.key("b", Map.of("file", "x")), codec.value(Map.of("position", 7L))));

        List<ConnectorOffset> offsets = service().offsets(source("a"));

        assertThat(offsets).containsExactly(new ConnectorOffset(map("file", "x"), map("position", 42L)));
        assertThat(service().offsets(source("c"))).isEmpty();
    }

    @Test
    void shouldAlterSourceOffsetsAfterTheConnectorAcceptsThem() {
        ConnectorOffsetsService service = service();

        String framework = service.alter(source("a"), List.of(new ConnectorOffset(map("file", "x"),
                map("position", 5))));
        connectorManagesOffsets = true;
        String managed = service.alter(source("a"), List.of(new ConnectorOffset(map("file", "y"),
                map("position", 6))));

        assertThat(framework).isEqualTo(ConnectorOffsetsService.ALTERED_FRAMEWORK_ONLY);
        assertThat(managed).isEqualTo(ConnectorOffsetsService.ALTERED);
        // the connector sees the offsets as they will be stored: JSON numbers become Longs
        assertThat(seenByConnector.get(0)).isEqualTo(Map.of(Map.of("file", "x"), Map.of("position", 5L)));
        assertThat(service.offsets(source("a"))).containsExactlyInAnyOrder(
                new ConnectorOffset(map("file", "x"), map("position", 5L)),
                new ConnectorOffset(map("file", "y"), map("position", 6L)));
    }

    @Test
    void shouldResetEverySourceOffsetOfTheConnectorOnly() {
        store.set(Map.of(codec.key("a", Map.of("file", "x")), codec.value(Map.of("position", 1L)),
                codec.key("a", Map.of("file", "y")), codec.value(Map.of("position", 2L)),
                codec.key("b", Map.of("file", "x")), codec.value(Map.of("position", 3L))));
        ConnectorOffsetsService service = service();

        assertThat(service.reset(source("a"))).isEqualTo(ConnectorOffsetsService.RESET);

        assertThat(service.offsets(source("a"))).isEmpty();
        assertThat(service.offsets(source("b"))).hasSize(1);
        Map<Map<String, ?>, Map<String, ?>> deletions = new HashMap<>();
        deletions.put(Map.of("file", "x"), null);
        deletions.put(Map.of("file", "y"), null);
        assertThat(seenByConnector).containsExactly(deletions);
        assertThat(service.reset(source("c"))).isEqualTo(ConnectorOffsetsService.RESET);
    }

    @Test
    void shouldKeepOffsetsWhenTheConnectorRejectsThem() {
        store.set(Map.of(codec.key("a", Map.of("file", "x")), codec.value(Map.of("position", 1L))));
        connectorRejects = new UnsupportedOperationException("no offsets here");
        ConnectorOffsetsService service = service();

        assertThatThrownBy(() -> service.alter(source("a"), List.of(new ConnectorOffset(map("file", "x"), null))))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("Connector a does not support altering its offsets: no offsets here");
        connectorRejects = new IllegalArgumentException("bad position");
        assertThatThrownBy(() -> service.alter(source("a"), List.of(new ConnectorOffset(map("file", "x"), null))))
                .hasMessageContaining("Connector a rejected the offsets: bad position");

        assertThat(service.offsets(source("a"))).containsExactly(
                new ConnectorOffset(map("file", "x"), map("position", 1L)));
    }

    @Test
    void shouldRejectEmptyRequestsAndMalformedEntriesWithAdvice() {
        ConnectorOffsetsService service = service();
        ConnectorOffsetsService.Target sink = new ConnectorOffsetsService.Target("s", true,
                () -> Map.of("name", "s", "connector.class", AlteringSource.class.getName()));

        assertThatThrownBy(() -> service.alter(source("a"), List.of()))
                .hasMessageContaining("The request body must list offsets");
        assertThatThrownBy(() -> service.alter(source("a"), List.of(new ConnectorOffset(null, map("p", 1)))))
                .hasMessageContaining("non-null \"partition\"");
        assertThatThrownBy(() -> service.alter(sink, List.of(new ConnectorOffset(map("topic", "t"), null))))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("Sink partitions need {\"kafka_topic\": <string>, \"kafka_partition\": <number>}");
        assertThatThrownBy(() -> service.alter(sink, List.of(new ConnectorOffset(
                map("kafka_topic", "t", "kafka_partition", 0), map("kafka_offset", -1)))))
                .hasMessageContaining("non-negative number");
        assertThat(seenByConnector).isEmpty();
    }

    /** A source connector whose {@code alterOffsets} records its argument. */
    public final class AlteringSource extends SourceConnector {
        @Override
        public boolean alterOffsets(Map<String, String> config, Map<Map<String, ?>, Map<String, ?>> offsets) {
            if (connectorRejects != null) {
                throw connectorRejects;
            }
            seenByConnector.add(new HashMap<>(offsets));
            return connectorManagesOffsets;
        }

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public Class<? extends Task> taskClass() {
            return null;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of();
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public String version() {
            return "1";
        }
    }
}
