package dev.rill.streams.internal.metrics;

import dev.rill.streams.StreamsMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;

/**
 * {@link StreamsMetrics} over one kafka-clients {@link Metrics} registry, the one the instance (or the test driver)
 * reports from, so sensors added by processors and stores show up with the instance's own metrics.
 */
public final class StreamsMetricsImpl implements StreamsMetrics {
    private final Metrics registry;

    public StreamsMetricsImpl(Metrics registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(registry.metrics());
    }

    @Override
    public Sensor addLatencyRateTotalSensor(String scopeName, String entityName, String operationName,
                                            Sensor.RecordingLevel recordingLevel, String... tags) {
        Map<String, String> tagMap = tagMap(scopeName, entityName, tags);
        String group = groupOf(scopeName);
        Sensor sensor = registry.sensor(sensorName(scopeName, entityName, operationName, "latency"), recordingLevel);
        sensor.add(registry.metricName(operationName + "-latency-avg", group,
                "The average latency of " + operationName + " of " + entityName + " in ms", tagMap), new Avg());
        sensor.add(registry.metricName(operationName + "-latency-max", group,
                "The maximum latency of " + operationName + " of " + entityName + " in ms", tagMap), new Max());
        addRateAndTotal(sensor, group, operationName, entityName, tagMap);
        return sensor;
    }

    @Override
    public Sensor addRateTotalSensor(String scopeName, String entityName, String operationName,
                                     Sensor.RecordingLevel recordingLevel, String... tags) {
        Map<String, String> tagMap = tagMap(scopeName, entityName, tags);
        Sensor sensor = registry.sensor(sensorName(scopeName, entityName, operationName, "rate"), recordingLevel);
        addRateAndTotal(sensor, groupOf(scopeName), operationName, entityName, tagMap);
        return sensor;
    }

    @Override
    public Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel) {
        return registry.sensor(name, recordingLevel);
    }

    @Override
    public Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel, Sensor... parents) {
        return registry.sensor(name, recordingLevel, parents);
    }

    @Override
    public void removeSensor(Sensor sensor) {
        registry.removeSensor(Objects.requireNonNull(sensor, "sensor").name());
    }

    private void addRateAndTotal(Sensor sensor, String group, String operation, String entity,
                                 Map<String, String> tags) {
        // Sensor.add ignores a metric name it already has, so asking twice for one sensor is harmless
        sensor.add(registry.metricName(operation + "-rate", group,
                "The average number per second of " + operation + " of " + entity, tags), new Rate(new WindowedCount()));
        sensor.add(registry.metricName(operation + "-total", group,
                "The total number of " + operation + " of " + entity, tags), new CumulativeCount());
    }

    private static String groupOf(String scopeName) {
        return "stream-" + Objects.requireNonNull(scopeName, "scopeName") + "-metrics";
    }

    private static String sensorName(String scope, String entity, String operation, String kind) {
        return scope + "." + Objects.requireNonNull(entity, "entityName") + "."
                + Objects.requireNonNull(operation, "operationName") + "." + kind;
    }

    private static Map<String, String> tagMap(String scopeName, String entityName, String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("Tags must come as key, value pairs but " + tags.length
                    + " strings were given: " + String.join(", ", tags) + "; pass an even number.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(scopeName + "-id", entityName);
        for (int i = 0; i < tags.length; i += 2) {
            out.put(tags[i], tags[i + 1]);
        }
        return out;
    }
}
