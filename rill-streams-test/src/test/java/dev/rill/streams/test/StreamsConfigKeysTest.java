package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.LogAndContinueExceptionHandler;
import dev.rill.streams.internal.config.StreamsKeyPolicy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * No Kafka Streams 4.3.1 configuration key is silently ignored by Rill: each is honoured by Rill's StreamsConfig,
 * passed to the Kafka clients, read by the serdes, a deprecated alias, accepted with a warning saying why it has no
 * effect, or refused (unless it has the default value) with a message saying what to do. The key-name constants of
 * Kafka Streams' StreamsConfig exist on Rill's with the same values, so code naming them compiles unchanged.
 */
class StreamsConfigKeysTest {

    enum Treatment { HONOURED, CLIENT, SERDE, ALIAS, NO_EFFECT, REFUSED_UNLESS_DEFAULT }

    @Test
    void everyKafkaStreamsKeyHasATreatment() {
        Map<String, Treatment> treatments = new TreeMap<>();
        List<String> untreated = new ArrayList<>();
        for (String key : org.apache.kafka.streams.StreamsConfig.configDef().names()) {
            Treatment t = treatment(key);
            if (t == null) {
                untreated.add(key);
            } else {
                treatments.put(key, t);
            }
        }
        Map<Treatment, List<String>> byTreatment = new TreeMap<>();
        treatments.forEach((k, t) -> byTreatment.computeIfAbsent(t, x -> new ArrayList<>()).add(k));
        byTreatment.forEach((t, keys) -> System.out.println(t + " (" + keys.size() + "): " + keys));
        assertThat(untreated).as("Kafka Streams keys Rill would silently ignore").isEmpty();
        assertThat(treatments.get("max.task.idle.ms")).isEqualTo(Treatment.HONOURED);
    }

    private static Treatment treatment(String key) {
        if (StreamsConfig.configDef().names().contains(key)) {
            return Treatment.HONOURED;
        }
        if (StreamsKeyPolicy.ALIASES.stream().anyMatch(a -> a.deprecatedKey().equals(key))) {
            return Treatment.ALIAS;
        }
        if (StreamsKeyPolicy.hasNoEffect(key)) {
            return Treatment.NO_EFFECT;
        }
        if (StreamsKeyPolicy.isRefusedUnlessDefault(key)) {
            return Treatment.REFUSED_UNLESS_DEFAULT;
        }
        if (StreamsKeyPolicy.SERDE_KEYS.contains(key)) {
            return Treatment.SERDE;
        }
        if (ConsumerConfig.configNames().contains(key) || ProducerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key)) {
            return Treatment.CLIENT;
        }
        return null;
    }

    @Test
    void kafkaStreamsKeyNameConstantsExistWithTheSameValues() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Field f : org.apache.kafka.streams.StreamsConfig.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class || f.getName().endsWith("_DOC")) {
                continue;
            }
            Object theirs = f.get(null);
            try {
                Object ours = StreamsConfig.class.getField(f.getName()).get(null);
                if (!theirs.equals(ours)) {
                    missing.add(f.getName() + " is " + ours + ", Kafka Streams: " + theirs);
                }
            } catch (NoSuchFieldException e) {
                missing.add(f.getName() + " missing");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void refusedKeysAreReportedTogetherWithWhatToDo() {
        Map<String, Object> p = base();
        p.put("task.assignor.class", "com.example.MyAssignor");
        p.put("group.protocol", "streams");
        p.put("dsl.store.suppliers.class", "org.apache.kafka.streams.state.BuiltInDslStoreSuppliers$InMemoryDslStoreSuppliers");
        p.put("num.stream.threads", "zero");
        assertThatThrownBy(() -> new StreamsConfig(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("task.assignor.class=com.example.MyAssignor: not supported")
                .hasMessageContaining("remove the key")
                .hasMessageContaining("group.protocol=streams: not supported")
                .hasMessageContaining("Materialized.as(DslStoreSuppliers)")
                .hasMessageContaining("num.stream.threads=zero");
    }

    @Test
    void defaultValuesOfRefusedKeysAndKeysWithoutEffectAreAccepted() {
        Map<String, Object> p = base();
        p.put("group.protocol", "classic");
        p.put("default.dsl.store", "rocksDB");
        p.put("dsl.store.format", "DEFAULT");
        p.put("ensure.explicit.internal.resource.naming", "false");
        p.put("processing.exception.handler.global.enabled", false);
        p.put("task.timeout.ms", 1000);
        p.put("buffered.records.per.partition", 10);
        p.put("acceptable.recovery.lag", 5);
        StreamsConfig config = new StreamsConfig(p);
        assertThat(config.applicationId()).isEqualTo("keys");
    }

    @Test
    void deprecatedAliasesAreReadUnderTheirCurrentNames() {
        Map<String, Object> p = base();
        p.put("cache.max.bytes.buffering", 0);
        p.put("default.deserialization.exception.handler", LogAndContinueExceptionHandler.class);
        StreamsConfig config = new StreamsConfig(p);
        assertThat(config.cacheMaxBytes()).isZero();
        assertThat(config.deserializationExceptionHandler()).isInstanceOf(LogAndContinueExceptionHandler.class);

        p.put("statestore.cache.max.bytes", 1024);
        assertThat(new StreamsConfig(p).cacheMaxBytes()).as("the current name wins").isEqualTo(1024);
    }

    @Test
    void maxTaskIdleIsValidated() {
        Map<String, Object> p = base();
        assertThat(new StreamsConfig(p).maxTaskIdleMs()).isZero();
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        assertThat(new StreamsConfig(p).maxTaskIdleMs()).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -2L);
        assertThatThrownBy(() -> new StreamsConfig(p)).hasMessageContaining("max.task.idle.ms=-2: expected a value in [-1,");
    }

    private static Map<String, Object> base() {
        Map<String, Object> p = new HashMap<>();
        p.put("application.id", "keys");
        p.put("bootstrap.servers", "localhost:9092");
        return p;
    }
}
