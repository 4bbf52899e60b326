package dev.rill.streams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings that belong to one topology rather than to the application, given to
 * {@link Topology#Topology(TopologyConfig)} or {@link StreamsBuilder#StreamsBuilder(TopologyConfig)}. When the
 * topology runs, these take precedence over the instance's own configuration, as in Kafka Streams.
 *
 * <pre>{@code
 * Properties overrides = new Properties();
 * overrides.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, WallclockTimestampExtractor.class);
 * StreamsBuilder builder = new StreamsBuilder(new TopologyConfig("orders", new StreamsConfig(appProps), overrides));
 * }</pre>
 *
 * Rill honours the topology-level keys it supports: {@value StreamsConfig#STATESTORE_CACHE_MAX_BYTES_CONFIG},
 * {@value StreamsConfig#DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG} and
 * {@value StreamsConfig#DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG}. A key counts when it is set explicitly, in the
 * overrides first, then in the application configuration given here; Kafka Streams' other topology-level keys
 * ({@code max.task.idle.ms}, {@code task.timeout.ms}, {@code buffered.records.per.partition}, the DSL store
 * defaults) have no topology-level effect in Rill, nor has
 * {@code processing.exception.handler}, which Kafka Streams 4.3.1's test driver does not take from a
 * {@code TopologyConfig} either (found by {@code TopologyConfigDifferentialTest}).
 */
public final class TopologyConfig {
    /** The topology-level keys Rill applies. */
    static final List<String> TOPOLOGY_LEVEL_KEYS = List.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
            StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);

    private final String topologyName;
    private final Map<String, Object> settings;

    /** The topology-level settings of an unnamed topology, taken from the application configuration. */
    public TopologyConfig(StreamsConfig globalAppConfigs) {
        this(null, globalAppConfigs, new Properties());
    }

    /**
     * The topology-level settings of a topology: each from {@code topologyOverrides} if set there, else from
     * {@code globalAppConfigs} if set there.
     *
     * @param topologyName a name for the topology (used in messages; Rill runs one topology per instance), or null
     * @throws org.apache.kafka.common.config.ConfigException if an override has an invalid value
     */
    public TopologyConfig(String topologyName, StreamsConfig globalAppConfigs, Properties topologyOverrides) {
        Objects.requireNonNull(globalAppConfigs, "globalAppConfigs");
        Objects.requireNonNull(topologyOverrides, "topologyOverrides");
        this.topologyName = topologyName;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : TOPOLOGY_LEVEL_KEYS) {
            Object value = topologyOverrides.containsKey(key) ? topologyOverrides.get(key)
                    : globalAppConfigs.originals().get(key);
            if (value != null) {
                out.put(key, value);
            }
        }
        Map<String, Object> check = new LinkedHashMap<>(globalAppConfigs.originals());
        check.putAll(out);
        new StreamsConfig(check); // reports every invalid value now, not when the topology starts
        this.settings = Collections.unmodifiableMap(out);
    }

    /** The topology's name, or null for an unnamed topology. */
    public String topologyName() {
        return topologyName;
    }

    /** Whether the topology was given a name. */
    public boolean isNamedTopology() {
        return topologyName != null;
    }

    /** The topology-level settings in effect for this topology (key to value), applied over the instance's own. */
    public Map<String, Object> topologyLevelSettings() {
        return settings;
    }

    @Override
    public String toString() {
        return "TopologyConfig{name=" + topologyName + ", " + settings + "}";
    }
}
