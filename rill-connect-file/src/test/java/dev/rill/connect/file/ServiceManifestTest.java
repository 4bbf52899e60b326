package dev.rill.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class ServiceManifestTest {
    @Test
    void shouldDiscoverBothConnectorsThroughServiceLoader() {
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(p -> p.type().getName()))
                .contains(RillFileSourceConnector.class.getName());
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(p -> p.type().getName()))
                .contains(RillFileSinkConnector.class.getName());
        assertThat(new RillFileSourceConnector().version()).isEqualTo("0.1.0-SNAPSHOT");
    }
}
