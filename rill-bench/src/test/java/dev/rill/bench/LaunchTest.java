package dev.rill.bench;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchTest {

    private static final Map<TopicPartition, Long> END = Map.of(new TopicPartition("in", 0), 10L);

    @Test
    void shouldAddItsSystemPropertiesToTheSharedJvmFlags() {
        Launch launch = Launch.watchedBy(() -> 0, List.of("mirror"), END, Map.of("rill.home", "/r", "a.b", "c"));

        assertThat(launch.jvmFlags(List.of("-Xmx2g"))).containsExactly("-Xmx2g", "-Da.b=c", "-Drill.home=/r");
        assertThat(Launch.of(List.of(), "group", END).jvmFlags(List.of("-Xmx2g"))).containsExactly("-Xmx2g");
    }

    @Test
    void shouldNeedAGroupOrAProgressProbe() {
        assertThatThrownBy(() -> new Launch(List.of(), "", END, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("progress probe");
        assertThat(Launch.watchedBy(() -> 3, List.of(), END, Map.of()).progress()).isPresent();
    }
}
