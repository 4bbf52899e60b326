package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class HostInfoAndValueAndTimestampTest {
    @Test
    void buildFromEndpointTakesHostPortWithOrWithoutAScheme() {
        assertThat(HostInfo.buildFromEndpoint("localhost:8080")).isEqualTo(new HostInfo("localhost", 8080));
        assertThat(HostInfo.buildFromEndpoint("http://app-1.example:9000")).isEqualTo(new HostInfo("app-1.example", 9000));
        assertThat(HostInfo.buildFromEndpoint("[::1]:7000")).isEqualTo(new HostInfo("::1", 7000));
        assertThat(HostInfo.buildFromEndpoint(null)).isNull();
        assertThat(HostInfo.buildFromEndpoint("  ")).isNull();
    }

    @Test
    void buildFromEndpointSaysWhatItExpected() {
        assertThatThrownBy(() -> HostInfo.buildFromEndpoint("localhost")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.server").hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> HostInfo.buildFromEndpoint("localhost:http")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> HostInfo.buildFromEndpoint(":80")).isInstanceOf(ConfigException.class);
    }

    @Test
    void unavailableIsAMarkerHost() {
        assertThat(HostInfo.unavailable()).isEqualTo(new HostInfo("unavailable", -1));
    }

    @Test
    void makeAllowNullableKeepsTheTimeOfANullValue() {
        ValueAndTimestamp<String> deleted = ValueAndTimestamp.makeAllowNullable(null, 42L);
        assertThat(deleted.value()).isNull();
        assertThat(deleted.timestamp()).isEqualTo(42L);
        assertThat(deleted).isEqualTo(ValueAndTimestamp.makeAllowNullable(null, 42L))
                .isNotEqualTo(ValueAndTimestamp.make("x", 42L));
        assertThat(ValueAndTimestamp.make(null, 42L)).isNull();
        assertThat(ValueAndTimestamp.makeAllowNullable("x", 1L)).isEqualTo(ValueAndTimestamp.make("x", 1L));
    }
}
