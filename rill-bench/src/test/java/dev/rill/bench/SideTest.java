package dev.rill.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SideTest {

    @Test
    void shouldRejectANameThatCannotBePartOfATopicName() {
        assertThatThrownBy(() -> Side.onHarnessClasspath("Kafka Streams", SideRole.ANCHOR, "x.Main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Kafka Streams'");
    }
}
