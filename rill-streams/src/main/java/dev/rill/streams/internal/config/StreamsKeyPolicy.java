package dev.rill.streams.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What Rill does with the Kafka Streams configuration keys it does not implement, so that no key of Kafka Streams
 * 4.3.1 is silently ignored: a key is either honoured by {@code StreamsConfig}, passed to the Kafka clients, read by
 * the serdes it configures, renamed (a deprecated alias), accepted with a warning that says why it has no effect,
 * or refused at start with a message saying what to do instead. {@code StreamsKeyCoverageTest} (rill-streams-test)
 * checks every key of Kafka Streams 4.3.1's configuration against this class and {@code StreamsConfig}.
 */
public final class StreamsKeyPolicy {

    /** A deprecated Kafka Streams key and the key Rill reads in its place. */
    public record Alias(String deprecatedKey, String key) {
    }

    /** A key Rill refuses when its value is not Kafka Streams' default, and why. */
    private record Refusal(Predicate<String> accepted, String reason) {
    }

    /** Deprecated Kafka Streams keys, honoured under their current name (the current name wins when both are set). */
    public static final List<Alias> ALIASES = List.of(
            new Alias("cache.max.bytes.buffering", "statestore.cache.max.bytes"),
            new Alias("default.deserialization.exception.handler", "deserialization.exception.handler"),
            new Alias("default.production.exception.handler", "production.exception.handler"));

    /** Keys read by the serializers and deserializers Rill configures with the application's configuration. */
    public static final Set<String> SERDE_KEYS = Set.of("default.list.key.serde.inner", "default.list.key.serde.type",
            "default.list.value.serde.inner", "default.list.value.serde.type", "window.size.ms");

    private static final String NO_WARMUPS = "Rill's assignor has no warm-up replicas and no probing rebalances: a task "
            + "moves to its balanced place at once and restores there (see docs/streams.md, Missing)";
    private static final String NO_RACKS = "Rill's assignor does not place tasks or standbys by rack";
    private static final String NO_CLEANER = "Rill does not delete state directories of tasks this instance no longer "
            + "owns in the background; RillStreams.cleanUp() deletes the application's local state";

    private static final Map<String, String> NO_EFFECT = noEffect();
    private static final Map<String, Refusal> REFUSED = refused();

    private StreamsKeyPolicy() {
    }

    private static Map<String, String> noEffect() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("acceptable.recovery.lag", NO_WARMUPS);
        m.put("max.warmup.replicas", NO_WARMUPS);
        m.put("probing.rebalance.interval.ms", NO_WARMUPS);
        m.put("rack.aware.assignment.strategy", NO_RACKS);
        m.put("rack.aware.assignment.tags", NO_RACKS);
        m.put("rack.aware.assignment.traffic_cost", NO_RACKS);
        m.put("rack.aware.assignment.non_overlap_cost", NO_RACKS);
        m.put("task.timeout.ms", "Rill does not retry a task on client timeouts: the clients retry within their own "
                + "timeouts (request.timeout.ms, delivery.timeout.ms, default.api.timeout.ms), then the stream thread "
                + "fails and the uncaught-exception handler decides");
        m.put("state.cleanup.delay.ms", NO_CLEANER);
        m.put("state.cleanup.dir.max.age.ms", NO_CLEANER);
        m.put("allow.os.group.write.access", "Rill creates the state directory with the process's umask and does not "
                + "change its permissions");
        m.put("log.summary.interval.ms", "Rill does not log periodic processing summaries; see RillStreams.metrics()");
        m.put("built.in.metrics.version", "Rill has one layout of built-in metrics");
        m.put("upgrade.from", "Rill instances never share a group with Kafka Streams instances, and Rill's own "
                + "upgrades that change the assignment data need all instances stopped first (docs/streams.md)");
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Refusal> refused() {
        Map<String, Refusal> m = new LinkedHashMap<>();
        m.put("group.protocol", new Refusal(v -> v.equalsIgnoreCase("classic"),
                "Rill Streams runs the classic group protocol with its own assignor; the 'streams' protocol "
                        + "(KIP-1071) is not supported: remove the key or set it to classic"));
        m.put("task.assignor.class", new Refusal(v -> false,
                "Rill assigns tasks with its own sticky, balanced assignor and cannot load a Kafka Streams TaskAssignor:"
                        + " remove the key"));
        m.put("rocksdb.config.setter", new Refusal(v -> false,
                "Rill has no RocksDBConfigSetter; rocksdb.memory.max.bytes bounds RocksDB's memory: remove the key"));
        m.put("processor.wrapper.class", new Refusal(
                v -> v.endsWith("NoOpProcessorWrapper"),
                "Rill cannot wrap processors (KIP-1112): remove the key"));
        m.put("dsl.store.suppliers.class", new Refusal(v -> v.endsWith("RocksDBDslStoreSuppliers"),
                "the DSL's default store type is RocksDB in Rill; choose another per operator with "
                        + "Materialized.as(DslStoreSuppliers) or Materialized.withStoreType(...)"));
        m.put("default.dsl.store", new Refusal(v -> v.equalsIgnoreCase("rocksDB"),
                "the DSL's default store type is RocksDB in Rill; choose in-memory stores per operator with "
                        + "Materialized.withStoreType(BuiltInDslStoreSuppliers.IN_MEMORY)"));
        m.put("dsl.store.format", new Refusal(v -> v.equalsIgnoreCase("DEFAULT"),
                "Rill's DSL stores have one format; stores with headers are not supported: remove the key"));
        m.put("ensure.explicit.internal.resource.naming", new Refusal(v -> v.equalsIgnoreCase("false"),
                "Rill does not check that internal topics and stores are named explicitly: remove the key"));
        m.put("processing.exception.handler.global.enabled", new Refusal(v -> v.equalsIgnoreCase("false"),
                "Rill does not pass exceptions of global-store processors to the processing exception handler (they "
                        + "fail the instance): remove the key"));
        m.put("windowed.inner.class.serde", new Refusal(v -> false,
                "Rill's windowed serdes read windowed.inner.serializer.class and windowed.inner.deserializer.class: "
                        + "use those"));
        return Collections.unmodifiableMap(m);
    }

    /** Whether Rill accepts the key but it has no effect (see {@link #noEffectReason}). */
    public static boolean hasNoEffect(String key) {
        return NO_EFFECT.containsKey(key);
    }

    /** Why a key has no effect in Rill, or null when it is not such a key. */
    public static String noEffectReason(String key) {
        return NO_EFFECT.get(key);
    }

    /** Whether Rill refuses the key when it has a value other than Kafka Streams' default. */
    public static boolean isRefusedUnlessDefault(String key) {
        return REFUSED.containsKey(key);
    }

    /** The keys that have no effect in Rill, in a stable order. */
    public static Set<String> noEffectKeys() {
        return NO_EFFECT.keySet();
    }

    /** The keys Rill refuses unless they have Kafka Streams' default value, in a stable order. */
    public static Set<String> refusedKeys() {
        return REFUSED.keySet();
    }

    /**
     * Checks the keys the application set: a refused key with a value other than the default adds a problem to
     * {@code errors} (value, why, what to do); a key without effect adds a line to {@code warnings}.
     */
    public static void check(Map<String, Object> originals, List<String> errors, List<String> warnings) {
        originals.forEach((key, value) -> {
            Refusal refusal = REFUSED.get(key);
            String v = value instanceof Class<?> c ? c.getName() : String.valueOf(value).trim();
            if (refusal != null && !refusal.accepted.test(v)) {
                errors.add(key + "=" + v + ": not supported: " + refusal.reason);
            }
            String reason = NO_EFFECT.get(key);
            if (reason != null) {
                warnings.add(key + "=" + v + " has no effect: " + reason);
            }
        });
    }
}
