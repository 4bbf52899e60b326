package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StoreQueryParameters;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.state.QueryableStoreTypes;
import dev.rill.streams.state.ReadOnlyWindowStore;
import dev.rill.streams.state.SegmentFamilies;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standby replica of a RocksDB window store: the second instance applies the changelog to segments of its own,
 * checkpoints them, and when the active instance leaves it takes the task over from there, not from offset 0.
 */
class WindowStoreStandbyIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final int RECORDS = 200;

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private RillStreams start(String app, String in, Path stateDir, AtomicLong restoreFrom) {
        Properties p = RillStreamsIT.props(app, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        RillStreams s = new RillStreams(WindowStoreApp.topology(in, true), p);
        s.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long from, long to) {
                restoreFrom.set(from);
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long end, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
            }
        });
        started.add(s);
        s.start();
        return s;
    }

    @Test
    void aStandbyKeepsTheWindowStoreAndTakesOverFromItsCheckpoint() throws Exception {
        String in = KAFKA.cluster().newTopic("window-standby-in", 1);
        String app = "window-standby-" + System.nanoTime();
        String changelog = app + "-" + WindowStoreApp.STORE + "-changelog";
        Path dirA = Files.createTempDirectory("rill-window-standby-a-");
        Path dirB = Files.createTempDirectory("rill-window-standby-b-");
        long base = Instant.now().toEpochMilli() / 60_000 * 60_000;
        RillStreams a = start(app, in, dirA, new AtomicLong(-1));
        await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == RillStreams.State.RUNNING);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(in, null, base + i * 1_000L, "k" + (i % 10), "v" + i));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> windowCount(a, base) == RECORDS / 10);

        AtomicLong restoreFrom = new AtomicLong(-1);
        RillStreams b = start(app, in, dirB, restoreFrom);
        Path standbyTask = dirB.resolve(app).resolve("0_0");
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpointed(standbyTask, changelog) >= RECORDS);
        File segments = standbyTask.resolve("rocksdb").resolve(WindowStoreApp.STORE).toFile();
        assertThat(SegmentFamilies.of(segments)).as("the standby's own segments").isNotEmpty()
                .allMatch(name -> name.startsWith(WindowStoreApp.STORE + "."));

        a.close(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60)).until(() -> b.state() == RillStreams.State.RUNNING
                && windowCount(b, base) == RECORDS / 10);
        // the standby was at the changelog's end, so the promoted task restores nothing (no restore starts) or
        // only what came after its checkpoint
        assertThat(restoreFrom.get()).as("restore start offset of the promoted standby (-1: no restore needed)")
                .matches(from -> from == -1 || from >= RECORDS);
    }

    /** The windows of key k0 (one per 10 s), or -1 while the store is not queryable here. */
    private static int windowCount(RillStreams s, long base) {
        try {
            ReadOnlyWindowStore<String, String> store = s.store(StoreQueryParameters.fromNameAndType(
                    WindowStoreApp.STORE, QueryableStoreTypes.windowStore()));
            int n = 0;
            try (var it = store.fetch("k0", Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + RECORDS * 1_000L))) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long checkpointed(Path taskDir, String changelog) throws Exception {
        Path file = taskDir.resolve(".checkpoint");
        if (!Files.exists(file)) {
            return -1;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.trim().split(" ");
            if (p.length == 3 && p[0].equals(changelog) && p[1].equals("0")) {
                return Long.parseLong(p[2]);
            }
        }
        return -1;
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        return p;
    }
}
