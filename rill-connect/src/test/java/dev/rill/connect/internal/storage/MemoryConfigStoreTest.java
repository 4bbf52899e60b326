package dev.rill.connect.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MemoryConfigStoreTest {
    @Test
    void shouldKeepCreationOrderAcrossReplacementsAndForgetEverythingOnRemove() {
        ConfigStore store = new MemoryConfigStore();
        store.putConnectorConfig("b", Map.of("name", "b"), TargetState.STARTED);
        store.putConnectorConfig("a", Map.of("name", "a"), TargetState.PAUSED);
        store.putConnectorConfig("b", Map.of("name", "b", "tasks.max", "2"), TargetState.STARTED);
        store.putTaskConfigs("b", List.of(Map.of("t", "0"), Map.of("t", "1")));
        store.putTargetState("b", TargetState.STOPPED);

        assertThat(store.connectors()).containsExactly("b", "a");
        assertThat(store.connectorConfig("b")).containsEntry("tasks.max", "2");
        assertThat(store.targetState("b")).isEqualTo(TargetState.STOPPED);
        assertThat(store.taskConfigs("b")).hasSize(2);
        assertThat(store.taskConfigs("a")).isEmpty();

        store.removeConnector("b");

        assertThat(store.contains("b")).isFalse();
        assertThat(store.connectorConfig("b")).isNull();
        assertThat(store.targetState("b")).isNull();
        assertThat(store.taskConfigs("b")).isEmpty();
        assertThat(store.connectors()).containsExactly("a");
    }
}
