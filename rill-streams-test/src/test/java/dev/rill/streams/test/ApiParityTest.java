package dev.rill.streams.test;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API parity with Kafka Streams 4.3.1: every public, non-deprecated, non-windowed method and constructor of Kafka
 * Streams' main types, looked up by reflection on Rill's counterpart (same name, same parameter types with
 * {@code org.apache.kafka.streams} mapped to {@code dev.rill.streams}).
 *
 * <p>Prints the coverage figure and what is missing. The floor below only rises: a change that removes a method
 * users port code against fails here. Windowed API (windows, window and session stores, suppression, stream–stream
 * joins) is counted apart, as the windows work tracks it. Deliberate differences are listed in {@link #EXCLUDED}
 * with their reason, and in docs/streams.md.
 */
class ApiParityTest {

    /** The coverage of non-windowed API measured when this test was written; raise it as the API grows. */
    private static final double FLOOR_PERCENT = 96.4;

    /** Kafka Streams' main types a ported application touches, and Rill's counterpart of each. */
    private static final Map<String, String> TYPES = types();

    /** Parameter or return types whose presence makes a member part of the windowed API. */
    private static final Set<String> WINDOWED_TYPES = Set.of(
            "Windows", "TimeWindows", "SessionWindows", "SlidingWindows", "JoinWindows", "Windowed", "Window",
            "WindowStore", "SessionStore", "TimestampedWindowStore", "ReadOnlyWindowStore", "ReadOnlySessionStore",
            "WindowBytesStoreSupplier", "SessionBytesStoreSupplier", "TimeWindowedKStream", "SessionWindowedKStream",
            "TimeWindowedCogroupedKStream", "SessionWindowedCogroupedKStream", "Suppressed", "StreamJoined",
            "EmitStrategy", "Merger", "TimestampedWindowStoreWithHeaders");

    /** Why the constructors taking a {@code Time} are left out. */
    private static final String TIME_REASON = "the runtime reads the system clock in many places (commit interval, "
            + "punctuation, poll loop), so a Time passed in could not be honoured throughout";

    /**
     * Members Rill deliberately does not have, as {@code Type#name(ParamType,…)} → reason. Every entry is explained
     * in docs/streams.md ("Differences from Kafka Streams").
     */
    private static final Map<String, String> EXCLUDED = Map.of(
            "KafkaStreams#<init>(Topology,Properties,Time)", TIME_REASON,
            "KafkaStreams#<init>(Topology,StreamsConfig,Time)", TIME_REASON,
            "KafkaStreams#<init>(Topology,Properties,KafkaClientSupplier,Time)", TIME_REASON);

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        for (String name : List.of("StreamsBuilder", "Topology", "StreamsConfig", "StreamsMetadata", "KeyQueryMetadata")) {
            types.put("org.apache.kafka.streams." + name, "dev.rill.streams." + name);
        }
        types.put("org.apache.kafka.streams.KafkaStreams", "dev.rill.streams.RillStreams");
        for (String name : List.of("KStream", "KTable", "GlobalKTable", "KGroupedStream", "KGroupedTable",
                "CogroupedKStream", "BranchedKStream", "Branched", "Consumed", "Produced", "Grouped", "Joined",
                "Materialized", "Named", "Repartitioned", "TableJoined", "Printed")) {
            types.put("org.apache.kafka.streams.kstream." + name, "dev.rill.streams.kstream." + name);
        }
        for (String name : List.of("Processor", "ProcessorContext", "ProcessingContext", "FixedKeyProcessor",
                "FixedKeyProcessorContext", "Record", "FixedKeyRecord", "RecordMetadata")) {
            types.put("org.apache.kafka.streams.processor.api." + name, "dev.rill.streams.processor.api." + name);
        }
        for (String name : List.of("StateStore", "StateStoreContext")) {
            types.put("org.apache.kafka.streams.processor." + name, "dev.rill.streams.processor." + name);
        }
        for (String name : List.of("Stores", "StoreBuilder", "KeyValueStore", "ReadOnlyKeyValueStore",
                "QueryableStoreTypes", "ValueAndTimestamp", "HostInfo")) {
            types.put("org.apache.kafka.streams.state." + name, "dev.rill.streams.state." + name);
        }
        for (String name : List.of("TopologyTestDriver", "TestInputTopic", "TestOutputTopic")) {
            types.put("org.apache.kafka.streams." + name, "dev.rill.streams.test." + name);
        }
        types.put("org.apache.kafka.streams.test.TestRecord", "dev.rill.streams.test.TestRecord");
        return types;
    }

    @Test
    void shouldHaveKafkaStreamsNonWindowedPublicApi() throws Exception {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> windowed = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Map.Entry<String, String> type : TYPES.entrySet()) {
            Class<?> apache = Class.forName(type.getKey());
            Class<?> rill = load(type.getValue());
            for (Executable member : publicApi(apache)) {
                String signature = signature(apache, member);
                if (isWindowed(member)) {
                    windowed.add(signature);
                } else if (EXCLUDED.containsKey(signature)) {
                    excluded.add(signature);
                } else if (rill != null && hasCounterpart(rill, member)) {
                    present.add(signature);
                } else {
                    missing.add(signature);
                }
            }
        }
        int counted = present.size() + missing.size();
        double percent = counted == 0 ? 100 : 100.0 * present.size() / counted;
        System.out.printf(Locale.ROOT, "API parity with Kafka Streams 4.3.1 (non-windowed): %d of %d members, %.1f %%"
                        + " (%d deliberately excluded, %d windowed counted apart)%n", present.size(), counted, percent,
                excluded.size(), windowed.size());
        System.out.println("Missing:\n  " + String.join("\n  ", missing));

        assertThat(EXCLUDED.keySet()).as("exclusions that name no member of Kafka Streams' API")
                .allMatch(excluded::contains);
        assertThat(percent).as("non-windowed API parity in percent; missing: %s", missing)
                .isGreaterThanOrEqualTo(FLOOR_PERCENT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Public, non-deprecated methods (declared or inherited from Kafka Streams types) and constructors. */
    private static List<Executable> publicApi(Class<?> type) {
        Stream<Executable> methods = Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass().getName().startsWith("org.apache.kafka.streams"))
                .filter(m -> !m.isSynthetic() && !m.isBridge())
                .map(Executable.class::cast);
        Stream<Executable> constructors = Arrays.stream(type.getConstructors());
        return Stream.concat(constructors, methods)
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .filter(m -> !m.isAnnotationPresent(Deprecated.class)
                        && !m.getDeclaringClass().isAnnotationPresent(Deprecated.class))
                .sorted((a, b) -> signature(type, a).compareTo(signature(type, b)))
                .collect(Collectors.toList());
    }

    private static boolean isWindowed(Executable member) {
        if (member.getName().equals("windowedBy") || member.getName().equals("suppress")) {
            return true;
        }
        Stream<Class<?>> types = Arrays.stream(member.getParameterTypes());
        if (member instanceof Method method) {
            types = Stream.concat(types, Stream.of(method.getReturnType()));
        }
        return types.anyMatch(t -> WINDOWED_TYPES.contains(t.getSimpleName()))
                || member.toGenericString().matches(".*\\b(Windowed|WindowStore|SessionStore)<.*");
    }

    private static boolean hasCounterpart(Class<?> rill, Executable apache) {
        List<String> wanted = mappedParameters(apache);
        Stream<? extends Executable> candidates = apache instanceof Constructor<?>
                ? Arrays.stream(rill.getConstructors())
                : Arrays.stream(rill.getMethods()).filter(m -> m.getName().equals(apache.getName()));
        return candidates.filter(c -> Modifier.isPublic(c.getModifiers()))
                .anyMatch(c -> Arrays.stream(c.getParameterTypes()).map(Class::getName).toList().equals(wanted));
    }

    /** Apache's parameter types as Rill names them. */
    private static List<String> mappedParameters(Executable apache) {
        return Arrays.stream(apache.getParameterTypes()).map(ApiParityTest::rillName).toList();
    }

    private static String rillName(Class<?> type) {
        if (type.isArray()) {
            return "[L" + rillName(type.getComponentType()) + ";";
        }
        String name = type.getName();
        String mapped = TYPES.get(name);
        if (mapped != null) {
            return mapped;
        }
        int nested = name.indexOf('$');
        if (nested > 0 && TYPES.containsKey(name.substring(0, nested))) {
            return TYPES.get(name.substring(0, nested)) + name.substring(nested);
        }
        return name.startsWith("org.apache.kafka.streams.") ? "dev.rill.streams." + name.substring(25) : name;
    }

    private static String signature(Class<?> owner, Executable member) {
        String name = member instanceof Constructor<?> ? "<init>" : member.getName();
        return owner.getSimpleName() + "#" + name + Arrays.stream(member.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    @Test
    void theWindowedTypeListShouldNameOnlyKafkaStreamsTypes() {
        Set<String> unknown = new TreeSet<>(WINDOWED_TYPES);
        for (String pkg : List.of("org.apache.kafka.streams.kstream.", "org.apache.kafka.streams.state.")) {
            WINDOWED_TYPES.forEach(t -> {
                if (load(pkg + t) != null) {
                    unknown.remove(t);
                }
            });
        }
        assertThat(unknown).as("names in WINDOWED_TYPES that are no Kafka Streams type").isEmpty();
    }
}
