package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.test.TestInputTopic;
import dev.rill.streams.test.TestOutputTopic;
import dev.rill.streams.test.TopologyTestDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the same topology, written once per API, through Apache Kafka Streams' TopologyTestDriver and Rill's, over
 * the same input, and asserts equal output per topic: keys, values, timestamps, headers, order.
 */
final class Differential {
    private final List<Input> inputs = new ArrayList<>();
    private final List<String> outputTopics = new ArrayList<>();
    private final List<Duration> wallClockSteps = new ArrayList<>();
    private Consumer<dev.rill.streams.StreamsBuilder> rillDsl;
    private Consumer<org.apache.kafka.streams.StreamsBuilder> apacheDsl;
    private Consumer<dev.rill.streams.Topology> rillPapi;
    private Consumer<org.apache.kafka.streams.Topology> apachePapi;
    private java.util.function.Supplier<dev.rill.streams.Topology> rillTopology;
    private java.util.function.Supplier<org.apache.kafka.streams.Topology> apacheTopology;
    private Map<String, Integer> rillPartitions = Map.of();
    private java.util.function.BiFunction<String, String, Integer> rillRouter = (topic, key) -> null;
    private boolean caching = true;

    static Differential dsl(Consumer<dev.rill.streams.StreamsBuilder> rill,
                            Consumer<org.apache.kafka.streams.StreamsBuilder> apache) {
        Differential d = new Differential();
        d.rillDsl = rill;
        d.apacheDsl = apache;
        return d;
    }

    /** Runs topologies made elsewhere (for instance by builders with a {@code TopologyConfig}). */
    static Differential topologies(java.util.function.Supplier<dev.rill.streams.Topology> rill,
                                   java.util.function.Supplier<org.apache.kafka.streams.Topology> apache) {
        Differential d = new Differential();
        d.rillTopology = rill;
        d.apacheTopology = apache;
        return d;
    }

    static Differential papi(Consumer<dev.rill.streams.Topology> rill, Consumer<org.apache.kafka.streams.Topology> apache) {
        Differential d = new Differential();
        d.rillPapi = rill;
        d.apachePapi = apache;
        return d;
    }

    Differential input(String topic, String key, String value, long timestamp, String... headerKv) {
        inputs.add(new Input(topic, key, value, timestamp, headerKv, null));
        return this;
    }

    /** Advances wall-clock time on both drivers after the inputs given so far. */
    Differential advanceWallClock(Duration d) {
        inputs.add(new Input(null, null, null, 0, new String[0], d));
        return this;
    }

    /**
     * Runs Rill's driver with these partition counts (Apache Kafka Streams' driver has one partition per topic);
     * input goes to the partition {@code router} returns for (topic, key), or by key hash when it returns null.
     */
    Differential rillPartitions(Map<String, Integer> counts, java.util.function.BiFunction<String, String, Integer> router) {
        rillPartitions = counts;
        rillRouter = router;
        return this;
    }

    /** Runs both drivers with record caches on (the default) or off ({@code statestore.cache.max.bytes=0}). */
    Differential caching(boolean on) {
        caching = on;
        return this;
    }

    /** Sets one more configuration entry on both drivers. */
    Differential config(String key, Object value) {
        extraConfig.put(key, value);
        return this;
    }

    private final Map<String, Object> extraConfig = new HashMap<>();

    /**
     * Reads these timestamped key-value stores through each driver after the input (as "value@timestamp" per key);
     * {@link #assertSameRecords()} then compares their contents too.
     */
    Differential queryStores(String... names) {
        queriedStores.addAll(Arrays.asList(names));
        return this;
    }

    private final List<String> queriedStores = new ArrayList<>();
    private final Map<String, Map<String, String>> rillStores = new HashMap<>();
    private final Map<String, Map<String, String>> apacheStores = new HashMap<>();

    /** The contents of the stores queried in the last run of Rill's driver. */
    Map<String, Map<String, String>> rillStores() {
        return rillStores;
    }

    Differential outputs(String... topics) {
        outputTopics.addAll(Arrays.asList(topics));
        return this;
    }

    /** Runs both and asserts equal output; returns Rill's output for further checks. */
    Map<String, List<Out>> assertSameOutput() {
        Map<String, List<Out>> apache = runApache();
        Map<String, List<Out>> rill = runRill();
        assertThat(outputTopics.stream().mapToInt(t -> apache.get(t).size()).sum())
                .as("the reference produced some output, so the comparison means something").isPositive();
        assertThat(rillNodeNames).as("node names of describe()").isEqualTo(apacheNodeNames);
        assertThat(rillSubtopologies).as("number of sub-topologies").isEqualTo(apacheSubtopologies);
        for (String topic : outputTopics) {
            assertThat(rill.get(topic)).as("output topic %s (Rill vs Apache Kafka Streams)", topic)
                    .containsExactlyElementsOf(apache.get(topic));
        }
        return rill;
    }

    /**
     * Runs both and asserts equal output record by record (key, value, timestamp, headers, order) on every output
     * topic, without comparing the topologies' names; returns Rill's output.
     */
    Map<String, List<Out>> assertSameRecords() {
        Map<String, List<Out>> apache = runApache();
        Map<String, List<Out>> rill = runRill();
        assertThat(outputTopics.stream().mapToInt(t -> apache.get(t).size()).sum())
                .as("the reference produced some output, so the comparison means something").isPositive();
        for (String topic : outputTopics) {
            assertThat(rill.get(topic)).as("output topic %s (Rill vs Apache Kafka Streams), caching %s", topic,
                    caching ? "on" : "off").containsExactlyElementsOf(apache.get(topic));
        }
        for (String store : queriedStores) {
            assertThat(rillStores.get(store)).as("contents of store %s (Rill vs Apache Kafka Streams), caching %s",
                    store, caching ? "on" : "off").isEqualTo(apacheStores.get(store));
        }
        return rill;
    }

    /**
     * Runs both and asserts the same final value per key on every output topic (a null value deletes the key), for
     * stateful topologies whose intermediate updates depend on cache flushing.
     */
    Map<String, Map<String, String>> assertSameFinalValues() {
        Map<String, List<Out>> apache = runApache();
        Map<String, List<Out>> rill = runRill();
        Map<String, Map<String, String>> result = new HashMap<>();
        for (String topic : outputTopics) {
            Map<String, String> a = finalValues(apache.get(topic));
            Map<String, String> r = finalValues(rill.get(topic));
            assertThat(a).as("the reference produced final values on %s, so the comparison means something", topic)
                    .isNotEmpty();
            assertThat(r).as("final value per key on %s (Rill vs Apache Kafka Streams)", topic).isEqualTo(a);
            result.put(topic, r);
        }
        return result;
    }

    /**
     * After a run: asserts the same node names, sub-topology count, sink topics and stores (with the processors
     * using them) in both topologies' {@code describe()}.
     */
    void assertSameTopologyNames() {
        assertSameTopologyNames(name -> true);
        assertThat(rillSubtopologies).as("number of sub-topologies").isEqualTo(apacheSubtopologies);
    }

    /** Like {@link #assertSameTopologyNames()}, for the node names, topics and stores that pass {@code filter}. */
    void assertSameTopologyNames(java.util.function.Predicate<String> filter) {
        assertThat(rillNodeNames.stream().filter(filter).toList()).as("node names of describe()").isNotEmpty()
                .isEqualTo(apacheNodeNames.stream().filter(filter).toList());
        assertThat(rillResources.stream().filter(filter).toList()).as("sink topics and stores of describe()")
                .isEqualTo(apacheResources.stream().filter(filter).toList());
    }

    private static Map<String, String> finalValues(List<Out> records) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Out o : records) {
            if (o.value() == null) {
                out.remove(o.key());
            } else {
                out.put(o.key(), o.value());
            }
        }
        return out;
    }

    private Properties props() {
        Properties p = new Properties();
        if (!caching) {
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        }
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "diff-app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.putAll(extraConfig);
        // a directory of this run's own: the drivers' default (/tmp/kafka-streams/diff-app) is shared by every
        // build on the machine, and one driver's close() deletes what another is using
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rill-diff-");
            stateDirs.add(dir);
            p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    private final List<java.nio.file.Path> stateDirs = new ArrayList<>();

    /** Deletes the state directories of the drivers that ran (one left behind is harmless). */
    private void deleteStateDirs() {
        for (java.nio.file.Path dir : stateDirs) {
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // left behind
            }
        }
        stateDirs.clear();
    }

    private java.util.Set<String> rillNodeNames = new java.util.TreeSet<>();
    private java.util.Set<String> apacheNodeNames = new java.util.TreeSet<>();
    private final java.util.Set<String> rillResources = new java.util.TreeSet<>();
    private final java.util.Set<String> apacheResources = new java.util.TreeSet<>();
    private int rillSubtopologies;
    private int apacheSubtopologies;
    private java.util.Set<String> rillProducedTopics = java.util.Set.of();
    private java.util.Set<String> apacheProducedTopics = java.util.Set.of();

    /**
     * After a run: asserts both drivers saw records produced to the same topics (output, repartition and changelog
     * topics), so changelog names and disabled logging are compared too.
     */
    void assertSameProducedTopics() {
        assertThat(new java.util.TreeSet<>(rillProducedTopics)).as("topics records were produced to")
                .isEqualTo(new java.util.TreeSet<>(apacheProducedTopics));
    }

    private Map<String, List<Out>> runRill() {
        dev.rill.streams.Topology topology;
        if (rillTopology != null) {
            topology = rillTopology.get();
        } else if (rillDsl != null) {
            dev.rill.streams.StreamsBuilder b = new dev.rill.streams.StreamsBuilder();
            rillDsl.accept(b);
            topology = b.build();
        } else {
            topology = new dev.rill.streams.Topology();
            rillPapi.accept(topology);
        }
        var description = topology.describe();
        rillSubtopologies = description.subtopologies().size();
        description.subtopologies().forEach(st -> st.nodes().forEach(n -> rillNodeNames.add(n.name())));
        description.subtopologies().forEach(st -> st.nodes().forEach(n -> {
            if (n instanceof dev.rill.streams.TopologyDescription.Sink sink) {
                rillResources.add("topic " + sink.topic());
            } else if (n instanceof dev.rill.streams.TopologyDescription.Processor p) {
                p.stores().forEach(store -> rillResources.add("store " + store + " of " + n.name()));
            }
        }));
        Map<String, List<Out>> result = new HashMap<>();
        try (TopologyTestDriver driver = rillPartitions.isEmpty()
                ? new TopologyTestDriver(topology, props(), Instant.ofEpochMilli(1_000_000))
                : new TopologyTestDriver(topology, props(), rillPartitions, Instant.ofEpochMilli(1_000_000))) {
            Map<String, TestInputTopic<String, String>> ins = new HashMap<>();
            for (Input in : inputs) {
                if (in.advance != null) {
                    driver.advanceWallClockTime(in.advance);
                    continue;
                }
                TestInputTopic<String, String> t = ins.computeIfAbsent(in.topic,
                        n -> driver.createInputTopic(n, new StringSerializer(), new StringSerializer()));
                var record = new dev.rill.streams.test.TestRecord<>(in.key, in.value, rillHeaders(in.headers),
                        in.timestamp);
                Integer partition = rillRouter.apply(in.topic, in.key);
                if (partition == null) {
                    t.pipeInput(record);
                } else {
                    t.pipeInputToPartition(partition, record);
                }
            }
            for (String topic : outputTopics) {
                TestOutputTopic<String, String> out = driver.createOutputTopic(topic, new StringDeserializer(),
                        new StringDeserializer());
                List<Out> list = new ArrayList<>();
                for (dev.rill.streams.test.TestRecord<String, String> r : out.readRecordsToList()) {
                    list.add(new Out(r.key(), r.value(), r.timestamp(), headerList(r.headers())));
                }
                result.put(topic, list);
            }
            for (String store : queriedStores) {
                Map<String, String> contents = new java.util.TreeMap<>();
                try (var it = driver.<String, String>getTimestampedKeyValueStore(store).all()) {
                    it.forEachRemaining(kv -> contents.put(kv.key, kv.value.value() + "@" + kv.value.timestamp()));
                }
                rillStores.put(store, contents);
            }
            rillProducedTopics = new java.util.HashSet<>(driver.producedTopicNames());
        }
        deleteStateDirs();
        return result;
    }

    private Map<String, List<Out>> runApache() {
        org.apache.kafka.streams.Topology topology;
        if (apacheTopology != null) {
            topology = apacheTopology.get();
        } else if (apacheDsl != null) {
            org.apache.kafka.streams.StreamsBuilder b = new org.apache.kafka.streams.StreamsBuilder();
            apacheDsl.accept(b);
            topology = b.build();
        } else {
            topology = new org.apache.kafka.streams.Topology();
            apachePapi.accept(topology);
        }
        var description = topology.describe();
        apacheSubtopologies = description.subtopologies().size();
        description.subtopologies().forEach(st -> st.nodes().forEach(n -> apacheNodeNames.add(n.name())));
        description.subtopologies().forEach(st -> st.nodes().forEach(n -> {
            if (n instanceof org.apache.kafka.streams.TopologyDescription.Sink sink) {
                apacheResources.add("topic " + sink.topic());
            } else if (n instanceof org.apache.kafka.streams.TopologyDescription.Processor p) {
                p.stores().forEach(store -> apacheResources.add("store " + store + " of " + n.name()));
            }
        }));
        Map<String, List<Out>> result = new HashMap<>();
        Properties apacheProps = props();
        java.nio.file.Path stateDir = java.nio.file.Path.of(apacheProps.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(
                topology, apacheProps, Instant.ofEpochMilli(1_000_000))) {
            Map<String, org.apache.kafka.streams.TestInputTopic<String, String>> ins = new HashMap<>();
            for (Input in : inputs) {
                if (in.advance != null) {
                    driver.advanceWallClockTime(in.advance);
                    continue;
                }
                org.apache.kafka.streams.TestInputTopic<String, String> t = ins.computeIfAbsent(in.topic,
                        n -> driver.createInputTopic(n, new StringSerializer(), new StringSerializer()));
                t.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(in.key, in.value,
                        rillHeaders(in.headers), in.timestamp));
            }
            for (String topic : outputTopics) {
                org.apache.kafka.streams.TestOutputTopic<String, String> out = driver.createOutputTopic(topic,
                        new StringDeserializer(), new StringDeserializer());
                List<Out> list = new ArrayList<>();
                for (org.apache.kafka.streams.test.TestRecord<String, String> r : out.readRecordsToList()) {
                    list.add(new Out(r.key(), r.value(), r.timestamp(), headerList(r.headers())));
                }
                result.put(topic, list);
            }
            for (String store : queriedStores) {
                Map<String, String> contents = new java.util.TreeMap<>();
                try (var it = driver.<String, String>getTimestampedKeyValueStore(store).all()) {
                    it.forEachRemaining(kv -> contents.put(kv.key, kv.value.value() + "@" + kv.value.timestamp()));
                }
                apacheStores.put(store, contents);
            }
            apacheProducedTopics = new java.util.HashSet<>(driver.producedTopicNames());
        }
        deleteStateDirs();
        return result;
    }

    private static Headers rillHeaders(String[] kv) {
        Headers h = new dev.rill.streams.processor.api.SimpleHeaders();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            h.add(kv[i], kv[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    private static List<String> headerList(Headers headers) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private record Input(String topic, String key, String value, long timestamp, String[] headers, Duration advance) {
    }

    /** One output record in comparable form. */
    record Out(String key, String value, Long timestamp, List<String> headers) {
        @Override
        public String toString() {
            return key + ":" + value + "@" + timestamp + (headers.isEmpty() ? "" : headers.toString());
        }
    }

    static Map<String, List<Out>> byTopic(Map<String, List<Out>> m) {
        return new LinkedHashMap<>(m);
    }
}
