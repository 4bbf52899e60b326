package dev.rill.streams;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The instance's metrics registry as processors and stores see it: read every metric, and add sensors of their own,
 * which then show in {@link RillStreams#metrics()} (and the test driver's {@code metrics()}).
 *
 * <pre>{@code
 * Sensor sensor = context.metrics().addRateTotalSensor("fraud-check", "rule-7", "hit", Sensor.RecordingLevel.INFO);
 * sensor.record();   // adds 1 to hit-total and to the hit-rate window
 * }</pre>
 * A sensor whose recording level is above {@code metrics.recording.level} (default INFO) records nothing.
 */
public interface StreamsMetrics {
    /** A read-only view of every metric of the instance. */
    Map<MetricName, ? extends Metric> metrics();

    /**
     * Adds (or returns the existing) sensor with {@code <operation>-latency-avg}, {@code -latency-max},
     * {@code <operation>-rate} and {@code <operation>-total} in group {@code stream-<scope>-metrics}, tagged
     * {@code <scope>-id=<entity>} plus the given tags.
     *
     * @param tags key, value, key, value, … (an even number)
     * @throws IllegalArgumentException if {@code tags} has an odd length
     */
    Sensor addLatencyRateTotalSensor(String scopeName, String entityName, String operationName,
                                     Sensor.RecordingLevel recordingLevel, String... tags);

    /**
     * Adds (or returns the existing) sensor with {@code <operation>-rate} and {@code <operation>-total} in group
     * {@code stream-<scope>-metrics}, tagged {@code <scope>-id=<entity>} plus the given tags.
     *
     * @param tags key, value, key, value, … (an even number)
     * @throws IllegalArgumentException if {@code tags} has an odd length
     */
    Sensor addRateTotalSensor(String scopeName, String entityName, String operationName,
                              Sensor.RecordingLevel recordingLevel, String... tags);

    /** Adds (or returns the existing) sensor of this name, without metrics; add them with {@link Sensor#add}. */
    Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel);

    /** Adds (or returns the existing) sensor of this name whose recordings also go to {@code parents}. */
    Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel, Sensor... parents);

    /** Removes a sensor and its metrics (and the sensors that have it as parent). */
    void removeSensor(Sensor sensor);
}
