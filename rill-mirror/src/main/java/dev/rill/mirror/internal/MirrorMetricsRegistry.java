package dev.rill.mirror.internal;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.metrics.stats.Min;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Time;

/**
 * One task's kafka-clients {@link Metrics}, reported over JMX in MirrorMaker 2's domain {@code kafka.connect.mirror}
 * (MBean {@code kafka.connect.mirror:type=<group>,<tags>}), with the two kinds of sensors MirrorMaker 2's metrics
 * use: a meter (a count and its rate per second) and a timing (the last value and its min, max and average over
 * the sample windows: 2 × 30 s, kafka-clients' default, as MirrorMaker 2). Closing it unregisters every MBean.
 */
final class MirrorMetricsRegistry implements AutoCloseable {
    static final String JMX_DOMAIN = "kafka.connect.mirror";

    private final Metrics metrics;
    private final String group;

    MirrorMetricsRegistry(String group) {
        this.group = group;
        JmxReporter jmx = new JmxReporter();
        // kafka-clients' own count of registered metrics would be one MBean shared by every task of the JVM
        jmx.configure(Map.of(JmxReporter.EXCLUDE_CONFIG, JMX_DOMAIN + ":type=kafka-metrics-count"));
        List<MetricsReporter> reporters = List.of(jmx);
        this.metrics = new Metrics(new MetricConfig(), reporters, Time.SYSTEM, new KafkaMetricsContext(JMX_DOMAIN));
    }

    /** A sensor counting events: {@code <name>-count} (total) and {@code <name>-rate} (per second). */
    Sensor meter(String sensorName, String name, String what, Map<String, String> tags) {
        Sensor sensor = metrics.sensor(sensorName);
        sensor.add(new Meter(metricName(name + "-rate", "Average number of " + what + " per second.", tags),
                metricName(name + "-count", "Number of " + what + ".", tags)));
        return sensor;
    }

    /** A sensor of durations in ms: {@code <name>} (the last), {@code <name>-min}, {@code -max}, {@code -avg}. */
    Sensor timing(String sensorName, String name, String what, Map<String, String> tags) {
        Sensor sensor = metrics.sensor(sensorName);
        sensor.add(metricName(name, what + " (the last record).", tags), new Value());
        sensor.add(metricName(name + "-min", what + ", minimum.", tags), new Min());
        sensor.add(metricName(name + "-max", what + ", maximum.", tags), new Max());
        sensor.add(metricName(name + "-avg", what + ", average.", tags), new Avg());
        return sensor;
    }

    /** Removes a sensor and its metrics (and so their MBean once it has no attribute left). */
    void remove(String sensorName) {
        metrics.removeSensor(sensorName);
    }

    private MetricName metricName(String name, String description, Map<String, String> tags) {
        return metrics.metricName(name, group, description, tags);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
