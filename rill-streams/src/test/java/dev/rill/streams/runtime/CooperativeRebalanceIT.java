package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StoreQueryParameters;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.FixedKeyProcessorContext;
import dev.rill.streams.processor.api.FixedKeyRecord;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.QueryableStoreTypes;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import dev.rill.streams.state.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cooperative rebalancing on a real broker: when a second instance joins, the first keeps running the tasks it
 * keeps (never closed, never re-created, nothing restored) and hands over the others; when the second leaves
 * cleanly the first takes them back; counts stay exact throughout and after a restart.
 */
class CooperativeRebalanceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static final int KEYS = 200;
    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    /** Counts how often each task's processor was initialized and closed on one instance. */
    private static final class TaskLifecycle {
        final Map<TaskId, AtomicInteger> inits = new ConcurrentHashMap<>();
        final Map<TaskId, AtomicInteger> closes = new ConcurrentHashMap<>();

        int inits(TaskId t) {
            return inits.getOrDefault(t, new AtomicInteger()).get();
        }

        int closes(TaskId t) {
            return closes.getOrDefault(t, new AtomicInteger()).get();
        }

        Set<TaskId> running() {
            Set<TaskId> out = new TreeSet<>();
            inits.keySet().forEach(t -> {
                if (inits(t) > closes(t)) {
                    out.add(t);
                }
            });
            return out;
        }

        FixedKeyProcessor<String, String, String> processor() {
            return new FixedKeyProcessor<>() {
                private FixedKeyProcessorContext<String, String> context;

                @Override
                public void init(FixedKeyProcessorContext<String, String> context) {
                    this.context = context;
                    inits.computeIfAbsent(context.taskId(), t -> new AtomicInteger()).incrementAndGet();
                }

                @Override
                public void process(FixedKeyRecord<String, String> record) {
                    context.forward(record);
                }

                @Override
                public void close() {
                    closes.computeIfAbsent(context.taskId(), t -> new AtomicInteger()).incrementAndGet();
                }
            };
        }
    }

    /** The changelog partitions this instance restored anything into, and the offset each restore started from. */
    private static final class RestoredPartitions implements StateRestoreListener {
        final Set<TopicPartition> partitions = ConcurrentHashMap.newKeySet();
        final Map<TopicPartition, Long> startOffsets = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long from, long to) {
            partitions.add(partition);
            startOffsets.merge(partition, from, Math::min);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long end, long n) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long total) {
        }
    }

    private RillStreams instance(String in, String app, Path stateDir, Function<String, KeyValueBytesStoreSupplier> kind,
                                 TaskLifecycle lifecycle, RestoredPartitions restored) {
        return instance(in, app, stateDir, kind, lifecycle, restored, 0);
    }

    private RillStreams instance(String in, String app, Path stateDir, Function<String, KeyValueBytesStoreSupplier> kind,
                                 TaskLifecycle lifecycle, RestoredPartitions restored, int standbys) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).processValues(lifecycle::processor).groupByKey()
                .count(Materialized.<String, Long, StateStore>as(kind.apply("counts")).withKeySerde(Serdes.String()));
        Properties p = RillStreamsIT.props(app, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
        RillStreams s = new RillStreams(b.build(), p);
        s.setGlobalStateRestoreListener(restored);
        started.add(s);
        s.start();
        return s;
    }

    private static long keys(ReadOnlyKeyValueStore<String, Long> view) {
        long n = 0;
        try (KeyValueIterator<String, Long> it = view.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    /** Produces one record per key, {@code rounds} times. */
    private static void produceRounds(String topic, int rounds) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < KEYS; k++) {
                    producer.send(new ProducerRecord<>(topic, "k" + k, "v"));
                }
            }
        }
    }

    /** Whether every instance is RUNNING and every key's count, from whichever instance holds it, is exactly n. */
    private static boolean allCountsAre(long n, RillStreams... instances) {
        List<ReadOnlyKeyValueStore<String, Long>> stores = new ArrayList<>();
        for (RillStreams s : instances) {
            if (s.state() != RillStreams.State.RUNNING) {
                return false;
            }
            stores.add(s.store(StoreQueryParameters.fromNameAndType("counts", QueryableStoreTypes.keyValueStore())));
        }
        for (int k = 0; k < KEYS; k++) {
            long found = 0;
            for (ReadOnlyKeyValueStore<String, Long> store : stores) {
                Long v = store.get("k" + k);
                if (v != null) {
                    if (v != n) {
                        return false;
                    }
                    found++;
                }
            }
            if (found != 1) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in-memory", "rocksdb"})
    void keptTasksKeepRunningWhileAnInstanceJoinsAndLeaves(String kindName) throws Exception {
        Function<String, KeyValueBytesStoreSupplier> kind = kindName.equals("rocksdb")
                ? Stores::persistentKeyValueStore : Stores::inMemoryKeyValueStore;
        String in = KAFKA.cluster().newTopic("coop-in", 4);
        String app = "coop-" + kindName + "-" + System.nanoTime();
        Path dirA = Files.createTempDirectory("rill-coop-a-");
        Duration timeout = Duration.ofSeconds(90);
        produceRounds(in, 3);

        TaskLifecycle lifecycleA = new TaskLifecycle();
        RestoredPartitions restoredA = new RestoredPartitions();
        RillStreams a = instance(in, app, dirA, kind, lifecycleA, restoredA);
        await().atMost(timeout).until(() -> allCountsAre(3, a));
        Set<TaskId> all = lifecycleA.running();
        assertThat(all).hasSize(4);
        // a view taken now must follow A's tasks through the rebalances below
        ReadOnlyKeyValueStore<String, Long> viewA = a.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));

        TaskLifecycle lifecycleB = new TaskLifecycle();
        RillStreams b = instance(in, app, Files.createTempDirectory("rill-coop-b-"), kind, lifecycleB,
                new RestoredPartitions());
        await().atMost(timeout).until(() -> a.state() == RillStreams.State.RUNNING
                && b.state() == RillStreams.State.RUNNING && lifecycleB.running().size() == 2);
        Set<TaskId> kept = lifecycleA.running();
        Set<TaskId> moved = new TreeSet<>(all);
        moved.removeAll(kept);
        assertThat(kept).hasSize(2).doesNotContainAnyElementsOf(lifecycleB.running());
        for (TaskId t : kept) {
            assertThat(lifecycleA.inits(t)).as("task %s stayed on A: created once", t).isEqualTo(1);
            assertThat(lifecycleA.closes(t)).as("task %s stayed on A: never closed", t).isZero();
        }
        for (TaskId t : moved) {
            assertThat(lifecycleA.closes(t)).as("task %s moved to B: closed on A once", t).isEqualTo(1);
        }
        assertThat(restoredA.partitions).as("A restored nothing while B joined").isEmpty();

        produceRounds(in, 1);
        await().atMost(timeout).until(() -> allCountsAre(4, a, b));
        Map<String, Long> onA = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = viewA.all()) {
            it.forEachRemaining(kv -> onA.put(kv.key, kv.value));
        }
        assertThat(onA).as("the view taken before B joined now covers exactly A's kept tasks").isNotEmpty()
                .hasSizeLessThan(KEYS).allSatisfy((k, v) -> assertThat(v).isEqualTo(4L));
        ReadOnlyKeyValueStore<String, Long> viewB = b.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
        assertThat(onA.size() + keys(viewB)).as("A's and B's views together hold every key").isEqualTo(KEYS);

        b.close(Duration.ofSeconds(30));
        await().atMost(timeout).until(() -> allCountsAre(4, a) && lifecycleA.running().equals(all));
        for (TaskId t : kept) {
            assertThat(lifecycleA.inits(t)).as("task %s stayed on A while B left", t).isEqualTo(1);
            assertThat(lifecycleA.closes(t)).isZero();
        }
        Set<TopicPartition> movedChangelogs = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::partition));
        moved.forEach(t -> movedChangelogs.add(new TopicPartition(app + "-counts-changelog", t.partition())));
        assertThat(restoredA.partitions).as("A restored only what B had written to the tasks it took back")
                .containsExactlyInAnyOrderElementsOf(movedChangelogs);

        produceRounds(in, 1);
        await().atMost(timeout).until(() -> allCountsAre(5, a));
        a.close(Duration.ofSeconds(30));

        RillStreams again = instance(in, app, dirA, kind, new TaskLifecycle(), new RestoredPartitions());
        await().atMost(timeout).until(() -> allCountsAre(5, again));
    }

    @Test
    void aWarmInMemoryStandbyIsPromotedWithoutRestoringFromScratch() throws Exception {
        String in = KAFKA.cluster().newTopic("promote-in", 4);
        String app = "promote-" + System.nanoTime();
        Path dirB = Files.createTempDirectory("rill-promote-b-");
        Duration timeout = Duration.ofSeconds(90);
        produceRounds(in, 3);
        TaskLifecycle lifecycleA = new TaskLifecycle();
        RillStreams a = instance(in, app, Files.createTempDirectory("rill-promote-a-"), Stores::inMemoryKeyValueStore,
                lifecycleA, new RestoredPartitions(), 1);
        await().atMost(timeout).until(() -> allCountsAre(3, a));
        TaskLifecycle lifecycleB = new TaskLifecycle();
        RestoredPartitions restoredB = new RestoredPartitions();
        RillStreams b = instance(in, app, dirB, Stores::inMemoryKeyValueStore, lifecycleB, restoredB, 1);
        produceRounds(in, 1);
        await().atMost(timeout).until(() -> allCountsAre(4, a, b));
        Set<TaskId> onA = lifecycleA.running();
        assertThat(onA).hasSize(2);
        String changelog = app + "-counts-changelog";
        // B's standbys of A's tasks have applied the whole changelog (their checkpoint says so)
        await().atMost(timeout).until(() -> standbysCaughtUp(dirB.resolve(app), changelog, onA));
        restoredB.partitions.clear();
        restoredB.startOffsets.clear();

        a.close(Duration.ofSeconds(30));
        await().atMost(timeout).until(() -> allCountsAre(4, b) && lifecycleB.running().size() == 4);
        for (TaskId t : onA) {
            TopicPartition tp = new TopicPartition(changelog, t.partition());
            assertThat(restoredB.startOffsets.getOrDefault(tp, Long.MAX_VALUE))
                    .as("restore of %s after promoting the standby starts where the standby was, not at 0", tp)
                    .isPositive();
        }
        produceRounds(in, 1);
        await().atMost(timeout).until(() -> allCountsAre(5, b));
    }

    private static boolean standbysCaughtUp(Path appDir, String changelog, Set<TaskId> tasks) throws Exception {
        for (TaskId t : tasks) {
            if (standbyCheckpoint(appDir.resolve(t.toString()), changelog, t.partition())
                    != endOffset(changelog, t.partition())) {
                return false;
            }
        }
        return true;
    }

    /** The offset a task's checkpoint file records for a changelog partition, or -1. */
    private static long standbyCheckpoint(Path taskDir, String changelog, int partition) {
        Path file = taskDir.resolve(".checkpoint");
        try {
            for (String line : Files.readAllLines(file)) {
                String[] p = line.trim().split(" ");
                if (p.length == 3 && p[0].equals(changelog) && Integer.parseInt(p[1]) == partition) {
                    return Long.parseLong(p[2]);
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static long endOffset(String topic, int partition) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
    }
    @Test
    void aStoreViewWithoutLocalTasksThrowsInsteadOfAnsweringEmpty() throws Exception {
        String in = KAFKA.cluster().newTopic("coop-iq-in", 4);
        String app = "coop-iq-" + System.nanoTime();
        produceRounds(in, 1);
        RillStreams s = instance(in, app, Files.createTempDirectory("rill-coop-iq-"), Stores::inMemoryKeyValueStore,
                new TaskLifecycle(), new RestoredPartitions());
        // right after start() the instance is REBALANCING and runs no task yet: a view may be taken, but it must not
        // pass off "no local store" as "no such key"
        ReadOnlyKeyValueStore<String, Long> view = s.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
        assertThat(s.state()).isEqualTo(RillStreams.State.REBALANCING);
        assertThatThrownBy(() -> view.get("k0")).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("not available on this instance");
        // the same view answers once the tasks run here
        await().atMost(Duration.ofSeconds(60)).until(() -> s.state() == RillStreams.State.RUNNING
                && Long.valueOf(1).equals(view.get("k0")));
        assertThat(keys(view)).isEqualTo(KEYS);
    }
}
