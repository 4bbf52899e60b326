package dev.rill.connect.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateTest {
    @Test
    void shouldThrowNamingBothStatesWhenAFailedTaskWouldRunWithoutRestart() {
        assertThatThrownBy(() -> State.FAILED.transitionTo(State.RUNNING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED").hasMessageContaining("RUNNING");
    }

    @Test
    void shouldAllowTheRestartPath() {
        assertThat(State.FAILED.transitionTo(State.RESTARTING)).isEqualTo(State.RESTARTING);
        assertThat(State.RESTARTING.transitionTo(State.UNASSIGNED)).isEqualTo(State.UNASSIGNED);
        assertThat(State.UNASSIGNED.transitionTo(State.RUNNING)).isEqualTo(State.RUNNING);
        assertThat(State.RUNNING.canTransitionTo(State.PAUSED)).isTrue();
    }

    @Test
    void statusStoreKeepsTheNewerStateWhenALateReportIsIllegal() {
        MemoryStatusStore s = new MemoryStatusStore("w:1");
        TaskId id = new TaskId("c", 0);
        s.putTask(id, State.FAILED, new RuntimeException("boom"));
        s.putTask(id, State.RUNNING, null);
        assertThat(s.task(id).orElseThrow().state()).isEqualTo(State.FAILED);
        assertThat(s.task(id).orElseThrow().trace()).contains("boom");
    }

    @Test
    void initialStateAcceptsRestValuesOnly() {
        assertThat(TargetState.fromInitialState("paused")).isEqualTo(TargetState.PAUSED);
        assertThat(TargetState.fromInitialState(null)).isEqualTo(TargetState.STARTED);
        assertThatThrownBy(() -> TargetState.fromInitialState("SLEEPING")).hasMessageContaining("'SLEEPING'");
    }
}
