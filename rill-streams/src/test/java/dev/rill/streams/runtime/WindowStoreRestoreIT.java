package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.KeyValue;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StoreQueryParameters;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.state.QueryableStoreTypes;
import dev.rill.streams.state.ReadOnlyWindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A RocksDB window store on a real broker: the instance that filled it is killed (SIGKILL, so it neither commits nor
 * checkpoints), and a new instance with the same state directory wipes the uncheckpointed segments and restores every
 * window from the changelog, which the broker holds as a compacted and time-deleted topic.
 */
class WindowStoreRestoreIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static final int RECORDS = 300;

    @Test
    void windowStoreRestoresFromItsChangelogAfterTheInstanceDiesWithoutCommitting() throws Exception {
        String in = KAFKA.cluster().newTopic("windows-in", 2);
        String app = "windows-" + System.nanoTime();
        String stateDir = Files.createTempDirectory("rill-window-state-").toString();
        String changelog = app + "-" + WindowStoreApp.STORE + "-changelog";
        long base = Instant.now().toEpochMilli() / 60_000 * 60_000;
        Map<String, TreeMap<Long, String>> expected = produce(in, base);

        Process victim = startVictim(app, in, stateDir);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> changelogRecords(changelog) >= RECORDS);
        } finally {
            victim.destroyForcibly().waitFor();
        }
        try (Admin admin = KAFKA.cluster().admin()) {
            assertThat(admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get().values()
                    .stream().filter(o -> o != null).toList()).as("the killed instance never committed").isEmpty();
            Config c = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.TOPIC, changelog)))
                    .all().get().values().iterator().next();
            assertThat(c.get("cleanup.policy").value()).isEqualTo("compact,delete");
            assertThat(c.get("retention.ms").value()).as("store retention + 1 day")
                    .isEqualTo(Long.toString(WindowStoreApp.RETENTION.toMillis() + 86_400_000L));
        }

        AtomicLong restored = new AtomicLong();
        RillStreams survivor = new RillStreams(WindowStoreApp.topology(in, false),
                WindowStoreApp.props(KAFKA.bootstrapServers(), app, stateDir));
        try {
            survivor.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition p, String store, long from, long to) {
                }

                @Override
                public void onBatchRestored(TopicPartition p, String store, long end, long n) {
                }

                @Override
                public void onRestoreEnd(TopicPartition p, String store, long total) {
                    restored.addAndGet(total);
                }
            });
            survivor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> survivor.state() == RillStreams.State.RUNNING
                    && windows(survivor, expected.keySet(), base).equals(expected));
            assertThat(restored.get()).as("changelog records restored").isGreaterThanOrEqualTo(RECORDS);
        } finally {
            survivor.close(Duration.ofSeconds(30));
            deleteRecursively(new File(stateDir));
        }
    }

    /** Produces RECORDS values over 20 keys one second apart; returns the last value per key and window start. */
    private static Map<String, TreeMap<Long, String>> produce(String topic, long base) {
        Map<String, TreeMap<Long, String>> expected = new TreeMap<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String key = "k" + (i % 20);
                long ts = base + i * 1_000L;
                producer.send(new ProducerRecord<>(topic, null, ts, key, "v" + i));
                expected.computeIfAbsent(key, k -> new TreeMap<>()).put(ts - ts % WindowStoreApp.SIZE, "v" + i);
            }
        }
        return expected;
    }

    private static Map<String, TreeMap<Long, String>> windows(RillStreams s, Set<String> keys, long base) {
        ReadOnlyWindowStore<String, String> store = s.store(StoreQueryParameters.fromNameAndType(
                WindowStoreApp.STORE, QueryableStoreTypes.windowStore()));
        Map<String, TreeMap<Long, String>> out = new TreeMap<>();
        for (String key : keys) {
            List<KeyValue<Long, String>> found = new ArrayList<>();
            try (WindowStoreIterator<String> it = store.fetch(key, Instant.ofEpochMilli(base - 60_000),
                    Instant.ofEpochMilli(base + RECORDS * 1_000L))) {
                it.forEachRemaining(found::add);
            }
            if (!found.isEmpty()) {
                out.put(key, found.stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b,
                        TreeMap::new)));
            }
        }
        return out;
    }

    private static long changelogRecords(String changelog) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            if (!admin.listTopics().names().get().contains(changelog)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(changelog, 0), OffsetSpec.latest(),
                    new TopicPartition(changelog, 1), OffsetSpec.latest());
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
        }
    }

    private static Process startVictim(String appId, String in, String stateDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                WindowStoreApp.class.getName(), KAFKA.bootstrapServers(), appId, in, stateDir));
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File("target/window-store-victim.log"));
        return pb.start();
    }

    private static void deleteRecursively(File dir) {
        File[] children = dir.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        dir.delete();
    }
}
