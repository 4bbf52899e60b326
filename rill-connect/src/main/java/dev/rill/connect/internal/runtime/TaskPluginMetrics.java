package dev.rill.connect.internal.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** Metrics a connector or task registers itself (KIP-877), tagged with its connector and task; removed on close. */
public final class TaskPluginMetrics implements PluginMetrics, AutoCloseable {
    private static final String GROUP = "plugins";
    private final Metrics metrics;
    private final Map<String, String> tags;
    private final Set<MetricName> names = ConcurrentHashMap.newKeySet();
    private final Set<String> sensors = ConcurrentHashMap.newKeySet();

    public TaskPluginMetrics(Metrics metrics, Map<String, String> tags) {
        this.metrics = metrics;
        this.tags = tags;
    }

    @Override
    public MetricName metricName(String name, String description, LinkedHashMap<String, String> extraTags) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>(tags);
        for (String k : extraTags.keySet()) {
            if (all.containsKey(k)) {
                throw new IllegalArgumentException("Tag " + k + " is reserved by the worker; use another tag name");
            }
        }
        all.putAll(extraTags);
        return metrics.metricName(name, GROUP, description, all);
    }

    @Override
    public void addMetric(MetricName name, MetricValueProvider<?> provider) {
        metrics.addMetric(name, provider);
        names.add(name);
    }

    @Override
    public void removeMetric(MetricName name) {
        metrics.removeMetric(name);
        names.remove(name);
    }

    @Override
    public Sensor addSensor(String name) {
        sensors.add(name);
        return metrics.sensor(name);
    }

    @Override
    public void removeSensor(String name) {
        metrics.removeSensor(name);
        sensors.remove(name);
    }

    @Override
    public void close() {
        names.forEach(metrics::removeMetric);
        sensors.forEach(metrics::removeSensor);
    }
}
