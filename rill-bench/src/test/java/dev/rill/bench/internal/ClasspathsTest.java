package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClasspathsTest {

    private final Classpaths classpaths = new Classpaths(Map.of("harness", System.getProperty("java.class.path")));

    @Test
    void shouldFindAMainClassOnItsClasspath() {
        Side side = Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsFilterMain");

        assertThat(classpaths.unavailableReason(side)).isEmpty();
    }

    @Test
    void shouldSayWhenTheMainClassIsMissing() {
        Side side = Side.onHarnessClasspath("rill", SideRole.RILL, "dev.rill.nothing.Here");

        assertThat(classpaths.unavailableReason(side)).hasValueSatisfying(reason ->
                assertThat(reason).contains("dev.rill.nothing.Here").contains("'harness'"));
    }

    @Test
    void shouldSayWhenTheClasspathWasNotGiven() {
        Side side = new Side("kafka-connect", SideRole.ANCHOR, "org.apache.kafka.connect.cli.ConnectStandalone", "apache-connect");

        assertThat(classpaths.unavailableReason(side)).hasValueSatisfying(reason ->
                assertThat(reason).contains("--classpath apache-connect=").contains("[harness]"));
    }

    @Test
    void shouldNotSeeClassesOfTheHarnessItselfThroughAnEmptyClasspath() {
        assertThat(Classpaths.containsClass("", "dev.rill.bench.Bench")).isFalse();
    }
}
