package dev.rill.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * The replication latency column of {@code rill mirror}'s status lines: how partitions combine into a flow's
 * figure, how it reads, and that it is read from MirrorMaker 2's MBeans in this JVM (registered here by
 * kafka-clients' own metrics and JMX reporter under the names Rill Mirror's tasks use).
 */
class MirrorLatencyViewTest {

    @Test
    void shouldAverageThePartitionsThatReplicatedAndTakeTheLargestMaximum() {
        ReplicationLatency latency = ReplicationLatency.of(List.of(new ReplicationLatency.Partition(10, 30),
                new ReplicationLatency.Partition(20, 90), new ReplicationLatency.Partition(Double.NaN, Double.NaN)));
        assertThat(latency.localPartitions()).isEqualTo(3);
        assertThat(latency.avgMs()).isEqualTo(15.0);
        assertThat(latency.maxMs()).isEqualTo(90.0);
        assertThat(latency.render()).isEqualTo("latency avg 15 ms max 90 ms");
        assertThat(ReplicationLatency.of(List.of(new ReplicationLatency.Partition(1_500, 65_432))).render())
                .isEqualTo("latency avg 1500 ms max 65.4 s");
    }

    @Test
    void shouldSayIdleWhenLocalPartitionsReplicatedNothingLatelyAndNotApplicableWithoutLocalTasks() {
        assertThat(ReplicationLatency.of(List.of(new ReplicationLatency.Partition(Double.NaN, Double.NaN))).render())
                .isEqualTo("latency idle");
        assertThat(ReplicationLatency.NOT_LOCAL.render()).isEqualTo("latency n/a");
    }

    @Test
    void shouldAppendTheLatencyToEachFlowLine() {
        List<String> lines = MirrorMonitor.render(List.of(
                new MirrorMonitor.FlowStatus("A->B", "RUNNING", 150, 0, 30, null,
                        ReplicationLatency.of(List.of(new ReplicationLatency.Partition(12, 40)))),
                new MirrorMonitor.FlowStatus("B->A", "RUNNING", 7, 3, 0, "source cluster B unreachable")));
        assertThat(lines).containsExactly(
                "  A->B         RUNNING  replicated 150  30.0 rec/s  lag 0  latency avg 12 ms max 40 ms",
                "  B->A         RUNNING  replicated 7  0.0 rec/s  lag 3  latency n/a",
                "    source cluster B unreachable");
    }

    @Test
    void shouldReadTheFlowsLatencyFromTheMirrorMakerMBeansOfThisJvm() {
        LocalMirrorMetrics local = new LocalMirrorMetrics(ManagementFactory.getPlatformMBeanServer());
        assertThat(local.latency("X", "Y")).isEqualTo(ReplicationLatency.NOT_LOCAL);
        JmxReporter jmx = new JmxReporter();
        try (Metrics metrics = new Metrics(new MetricConfig(), List.of(jmx), Time.SYSTEM,
                new KafkaMetricsContext("kafka.connect.mirror"))) {
            Sensor p0 = latencySensor(metrics, "X", "Y", 0);
            Sensor p1 = latencySensor(metrics, "X", "Y", 1);
            latencySensor(metrics, "Y", "X", 0).record(5_000);
            assertThat(local.latency("X", "Y").render()).isEqualTo("latency idle");
            p0.record(100);
            p0.record(300);
            p1.record(50);
            ReplicationLatency latency = local.latency("X", "Y");
            assertThat(latency.localPartitions()).isEqualTo(2);
            assertThat(latency.avgMs()).isEqualTo(125.0); // partition 0 averages 200, partition 1 50
            assertThat(latency.maxMs()).isEqualTo(300.0);
        }
        assertThat(local.latency("X", "Y")).as("the MBeans left with the metrics").isEqualTo(
                ReplicationLatency.NOT_LOCAL);
    }

    private static Sensor latencySensor(Metrics metrics, String source, String target, int partition) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("source", source);
        tags.put("target", target);
        tags.put("topic", source + ".orders");
        tags.put("partition", Integer.toString(partition));
        Sensor sensor = metrics.sensor(source + target + partition);
        sensor.add(metrics.metricName("replication-latency-ms-avg", "MirrorSourceConnector", "", tags), new Avg());
        sensor.add(metrics.metricName("replication-latency-ms-max", "MirrorSourceConnector", "", tags), new Max());
        return sensor;
    }
}
