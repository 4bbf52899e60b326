package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.state.BulkRestorable;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.state.InternalStoreContext;
import dev.rill.streams.internal.state.CacheFlushable;
import dev.rill.streams.internal.state.TransactionalStore;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.StoreBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one task: builds and opens its stores, knows their changelog partitions, applies restored
 * changelog records, and reads and writes the task's checkpoint file ({@code .checkpoint}: one
 * {@code topic partition offset} line per logged store, the next changelog offset not yet in the store).
 *
 * <p>Under exactly-once a running task has no checkpoint file (see {@link #deleteCheckpoint()}). A persistent store
 * that is a {@link TransactionalStore} instead keeps the open transaction's writes apart and stores its changelog
 * offsets inside itself, atomically with the state they describe ({@link #commitTransactions} applies both after the
 * Kafka transaction committed): after a crash it is reopened as it is and restores only the changelog records after
 * those offsets. Any other persistent logged store without a checkpoint file is wiped and restored from the start.
 */
public final class TaskStateManager implements InternalStoreContext {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStateManager.class);
    private static final String CHECKPOINT = ".checkpoint";

    /** A logged store and how to feed it restored records. */
    public record Logged(String storeName, TopicPartition changelog, StateRestoreCallback callback,
                         BulkRestorable bulk) {
    }

    private final TaskId taskId;
    private final StreamsConfig config;
    private final TaskContext task;
    private final CacheBudget budget;
    private final File taskDir;
    private final Map<String, StoreBuilder<?>> builders;
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private final Map<TopicPartition, Logged> logged = new LinkedHashMap<>();
    /** Where each changelog partition's persistent store is known to be: the checkpoint file, or offsets it stored. */
    private final Map<TopicPartition, Long> checkpoint;
    private final boolean exactlyOnce;
    /** Stores that buffer the open transaction's writes (exactly-once only), by name. */
    private final Map<String, TransactionalStore> transactional = new LinkedHashMap<>();
    /** Changelog offsets the transactional stores found stored in themselves when they opened. */
    private final Map<String, Map<TopicPartition, Long>> storedOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> offsets = new HashMap<>();
    /** Next changelog offset not yet applied to the open stores, once restore or a standby has applied some. */
    private final Map<TopicPartition, Long> applied = new HashMap<>();
    private final Map<String, StateStore> globalStores;
    /** Changelog topic names by store name, for {@link #logChange} (called once per logged write). */
    private final Map<String, String> changelogTopics = new HashMap<>();
    private Serde<?> keySerde;
    private Serde<?> valueSerde;

    TaskStateManager(TaskId taskId, StreamsConfig config, TaskContext task, CacheBudget budget,
                     Map<String, StoreBuilder<?>> builders, Map<String, StateStore> globalStores) {
        this.globalStores = globalStores;
        this.taskId = taskId;
        this.config = config;
        this.task = task;
        this.budget = budget;
        this.builders = builders;
        this.taskDir = new File(new File(config.stateDir(), config.applicationId()), taskId.toString());
        this.exactlyOnce = config.exactlyOnce();
        this.checkpoint = builders.isEmpty() ? new HashMap<>() : readCheckpoint();
    }

    /**
     * Builds and opens every store. Under exactly-once a transactional store's position is the changelog offsets it
     * stored with its state, else the checkpoint file's. A persistent logged store whose position is unknown may hold
     * anything: it is wiped.
     */
    void openStores() {
        for (StoreBuilder<?> b : builders.values()) {
            TopicPartition tp = changelogOf(b.name());
            File dir = new File(new File(taskDir, "rocksdb"), b.name());
            boolean known = checkpoint.containsKey(tp);
            if (!exactlyOnce && b.loggingEnabled() && !known) {
                deleteRecursively(dir);
            }
            boolean existed = dir.exists();
            StateStore store = open(b);
            if (exactlyOnce && store.persistent() && b.loggingEnabled()) {
                // offsets stored with the state are exact (one atomic write); a checkpoint file may be older
                Long stored = storedOffsets.getOrDefault(b.name(), Map.of()).get(tp);
                if (stored != null) {
                    LOG.info("Task {}: store {} resumes from changelog offset {} stored with its last commit", taskId,
                            b.name(), stored);
                    checkpoint.put(tp, stored);
                    offsets.put(tp, stored);
                } else if (!known && existed) {
                    LOG.info("Task {}: store {} has no known changelog position; wiping it", taskId, b.name());
                    store.close();
                    deleteRecursively(dir);
                    open(b);
                }
            }
        }
    }

    private StateStore open(StoreBuilder<?> b) {
        StateStore store = b.build();
        stores.put(b.name(), store);
        store.init(this, store);
        return store;
    }

    private TopicPartition changelogOf(String store) {
        return new TopicPartition(config.applicationId() + "-" + store + "-changelog", taskId.partition());
    }

    @Override
    public java.util.Optional<dev.rill.streams.processor.api.RecordMetadata> recordMetadata() {
        return task.storeRecordMetadata();
    }

    /** Whether a store is one of the instance's global stores (every processor may read those). */
    boolean isGlobal(String name) {
        return globalStores.containsKey(name);
    }

    StateStore store(String name) {
        StateStore s = stores.get(name);
        return s != null ? s : globalStores.get(name);
    }

    /** A store of this task only (not a global one), or null. */
    StateStore localStore(String name) {
        return stores.get(name);
    }

    Map<String, StateStore> stores() {
        return stores;
    }

    /** Logged stores by changelog partition, for restore. */
    public Map<TopicPartition, Logged> loggedStores() {
        return logged;
    }

    /**
     * Where restore of a changelog partition starts: where the open store already is (a standby that kept applying
     * the changelog), else the checkpoint of a persistent store, else the beginning.
     */
    public long restoreStartOffset(TopicPartition changelog) {
        Long position = applied.get(changelog);
        if (position != null) {
            return position;
        }
        StateStore s = stores.get(logged.get(changelog).storeName());
        Long c = checkpoint.get(changelog);
        return s.persistent() && c != null ? c : 0L;
    }

    /**
     * Applies a batch of restored changelog records (null value = delete) that ends before {@code nextOffset}; a
     * transactional store stores that offset in the same write.
     */
    public void restoreBatch(TopicPartition changelog, List<byte[][]> records, long nextOffset) {
        Logged l = logged.get(changelog);
        TransactionalStore tx = transactional.get(l.storeName());
        if (tx != null) {
            tx.restoreBatch(records, changelog, nextOffset);
        } else if (l.bulk() != null) {
            l.bulk().restoreBatch(records);
        } else {
            for (byte[][] r : records) {
                l.callback().restore(r[0], r[1]);
            }
        }
    }

    /** Restore of a changelog partition reached this offset (the next one to read). */
    public void restored(TopicPartition changelog, long nextOffset) {
        offsets.put(changelog, nextOffset);
        applied.put(changelog, nextOffset);
    }

    /** Writes every cache through (forwarding downstream); the stores' disk flush waits for {@link #checkpoint}. */
    void flushCaches() {
        for (StateStore s : stores.values()) {
            if (s instanceof CacheFlushable c) {
                c.flushCache();
            } else {
                s.flush();
            }
        }
    }

    /**
     * Flushes the stores to disk and writes the checkpoint, if at least {@code minRecords} changelog records were
     * written since the last one (always with 0): flushing RocksDB memtables on every commit would cost more than
     * replaying a few records on restore.
     */
    void maybeCheckpoint(Map<TopicPartition, Long> producedOffsets, long minRecords) {
        long delta = 0;
        for (TopicPartition tp : logged.keySet()) {
            Long produced = producedOffsets.get(tp);
            if (produced != null) {
                delta += produced + 1 - offsets.getOrDefault(tp, 0L);
            }
        }
        if (minRecords > 0 && delta < minRecords) {
            return;
        }
        for (StateStore s : stores.values()) {
            s.flush();
        }
        checkpoint(producedOffsets);
    }

    /**
     * Exactly-once, after the Kafka transaction committed: applies every transactional store's buffered writes with
     * the changelog offsets the transaction reached (the producer's last acknowledged offset + 1).
     */
    void commitTransactions(Map<TopicPartition, Long> producedOffsets) {
        for (Map.Entry<String, TransactionalStore> e : transactional.entrySet()) {
            TopicPartition tp = changelogOf(e.getKey());
            Long produced = logged.containsKey(tp) ? producedOffsets.get(tp) : null;
            e.getValue().commit(produced == null ? Map.of() : Map.of(tp, produced + 1));
        }
    }

    /** Writes the checkpoint: for each logged store, the offset after the last changelog record it holds. */
    void checkpoint(Map<TopicPartition, Long> producedOffsets) {
        if (logged.isEmpty()) {
            return;
        }
        for (TopicPartition tp : logged.keySet()) {
            Long produced = producedOffsets.get(tp);
            if (produced != null) {
                offsets.merge(tp, produced + 1, Math::max);
            }
        }
        StringBuilder sb = new StringBuilder("0\n");
        offsets.forEach((tp, o) -> sb.append(tp.topic()).append(' ').append(tp.partition()).append(' ').append(o)
                .append('\n'));
        try {
            Files.createDirectories(taskDir.toPath());
            File tmp = new File(taskDir, CHECKPOINT + ".tmp");
            Files.writeString(tmp.toPath(), sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp.toPath(), new File(taskDir, CHECKPOINT).toPath(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StreamsException("Cannot write the checkpoint of task " + taskId + " in " + taskDir + ": " + e, e);
        }
    }

    /**
     * Deletes the checkpoint file. Under exactly-once a running task's stores may hold writes of a transaction that is
     * never committed, so a task runs without a checkpoint: after a crash its persistent stores are wiped and rebuilt
     * from the committed changelog. A checkpoint is written again when the task closes cleanly after a commit.
     */
    void deleteCheckpoint() {
        try {
            Files.deleteIfExists(new File(taskDir, CHECKPOINT).toPath());
        } catch (IOException e) {
            throw new StreamsException("Cannot delete the checkpoint of task " + taskId + " in " + taskDir + ": " + e
                    + "; check the permissions of the state directory", e);
        }
    }

    private Map<TopicPartition, Long> readCheckpoint() {
        Map<TopicPartition, Long> read = checkpointOf(taskDir, taskId);
        offsets.putAll(read);
        return read;
    }

    /** The changelog offsets in a task directory's checkpoint file; empty when there is none or it is unreadable. */
    public static Map<TopicPartition, Long> checkpointOf(File taskDir, TaskId taskId) {
        File f = new File(taskDir, CHECKPOINT);
        Map<TopicPartition, Long> out = new HashMap<>();
        if (!f.exists()) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(f.toPath(), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] p = line.trim().split(" ");
                if (p.length == 3) {
                    out.put(new TopicPartition(p[0], Integer.parseInt(p[1])), Long.parseLong(p[2]));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable checkpoint {} of task {}; stores are restored from the beginning", f, taskId, e);
            return new HashMap<>();
        }
        return out;
    }

    void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (StateStore s : stores.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        stores.clear();
        applied.clear();
        transactional.clear();
        if (!failures.isEmpty()) {
            LOG.warn("Closing stores of task {} failed", taskId, failures.get(0));
        }
    }

    private static void deleteRecursively(File dir) {
        if (!dir.exists()) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(dir.toPath())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException e) {
            throw new StreamsException("Cannot delete stale store directory " + dir + ": " + e, e);
        }
    }

    // ---- InternalStoreContext

    @Override
    public String applicationId() {
        return config.applicationId();
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public File stateDir() {
        return taskDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return config.originals();
    }

    @Override
    public dev.rill.streams.StreamsMetrics metrics() {
        return task.streamsMetrics();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        StoreBuilder<?> b = builders.get(store.name());
        if (b == null) {
            throw new StreamsException("Store " + store.name() + " registered itself with task " + taskId
                    + " but the topology has no store of that name.");
        }
        if (store instanceof TransactionalStore tx && store.persistent()) {
            if (exactlyOnce) {
                storedOffsets.put(store.name(), tx.beginTransactions());
                transactional.put(store.name(), tx);
            } else {
                tx.dropCommittedOffsets();
            }
        }
        if (b.loggingEnabled()) {
            TopicPartition tp = changelogOf(store.name());
            logged.put(tp, new Logged(store.name(), tp, restoreCallback,
                    store instanceof BulkRestorable br ? br : null));
        }
    }

    @Override
    public void logChange(String storeName, byte[] key, byte[] value, long timestamp) {
        String topic = changelogTopics.get(storeName);
        if (topic == null) {
            topic = config.applicationId() + "-" + storeName + "-changelog";
            changelogTopics.put(storeName, topic);
        }
        task.sendChangelog(topic, taskId.partition(), timestamp, key, value);
    }

    @Override
    public boolean loggingEnabled(String storeName) {
        StoreBuilder<?> b = builders.get(storeName);
        return b != null && b.loggingEnabled();
    }

    @Override
    public void requestCommit() {
        task.requestCommit();
    }

    @Override
    public long recordTimestamp() {
        return task.timestamp();
    }

    @Override
    public CacheBudget cacheBudget() {
        return budget;
    }

    @Override
    public Serde<?> defaultKeySerde() {
        if (keySerde == null) {
            keySerde = config.defaultKeySerde();
        }
        return keySerde;
    }

    @Override
    public Serde<?> defaultValueSerde() {
        if (valueSerde == null) {
            valueSerde = config.defaultValueSerde();
        }
        return valueSerde;
    }
}
