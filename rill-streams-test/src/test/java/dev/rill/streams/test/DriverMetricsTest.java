package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.Topology;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import java.util.Properties;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The driver's {@code metrics()} shows the sensors processors add through their context. */
class DriverMetricsTest {

    static final class Counting implements Processor<String, String, String, String> {
        private Sensor sensor;

        @Override
        public void init(ProcessorContext<String, String> context) {
            sensor = context.metrics().addRateTotalSensor("app", "counter", "seen", Sensor.RecordingLevel.INFO);
        }

        @Override
        public void process(Record<String, String> record) {
            sensor.record();
        }
    }

    @Test
    void userSensorsShowInTheDriversMetricsWithTheirCounts() {
        Topology topology = new Topology()
                .addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                .addProcessor("count", Counting::new, "src");
        Properties props = new Properties();
        props.put("application.id", "driver-metrics");
        props.put("bootstrap.servers", "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("a", "1");
            in.pipeInput("b", "2");
            in.pipeInput("c", "3");
            MetricName total = driver.metrics().keySet().stream()
                    .filter(n -> n.name().equals("seen-total") && n.group().equals("stream-app-metrics"))
                    .findFirst().orElseThrow();
            assertThat(total.tags()).containsEntry("app-id", "counter");
            assertThat(driver.metrics().get(total).metricValue()).isEqualTo(3.0);
        }
    }
}
