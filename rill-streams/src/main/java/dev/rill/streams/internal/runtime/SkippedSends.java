package dev.rill.streams.internal.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Exactly-once: the output records whose send failed while production.exception.handler answered CONTINUE. A
 * transactional producer cannot commit a transaction with a failed send, so the transaction is aborted and the tasks
 * replay from the last commit; during the replay the same record (same topic, requested partition, timestamp, key
 * and value bytes) is not sent again but dropped, counted and dead-lettered inside the transaction that commits.
 * One instance per application instance, so an entry outlives the stream thread that is replaced by the abort.
 *
 * <p>An entry is used up by the commit of a transaction that skipped it; a replay that aborts again leaves it
 * pending, so the next replay skips the record too.
 */
final class SkippedSends {
    /** One failed send; identity equality (two equal failed records are two entries, each skipped once). */
    static final class Entry {
        private final String topic;
        private final Integer partition;
        private final Long timestamp;
        private final byte[] key;
        private final byte[] value;
        private final Exception error;

        Entry(ProducerRecord<byte[], byte[]> record, Exception error) {
            this.topic = record.topic();
            this.partition = record.partition();
            this.timestamp = record.timestamp();
            this.key = record.key();
            this.value = record.value();
            this.error = error;
        }

        Exception error() {
            return error;
        }

        boolean matches(ProducerRecord<byte[], byte[]> record) {
            return topic.equals(record.topic()) && Objects.equals(partition, record.partition())
                    && Objects.equals(timestamp, record.timestamp()) && Arrays.equals(key, record.key())
                    && Arrays.equals(value, record.value());
        }
    }

    private final List<Entry> pending = new ArrayList<>();
    /** pending.size(), readable without the lock: every send asks, and almost always there is nothing to skip. */
    private volatile int pendingCount;

    synchronized void add(Entry entry) {
        pending.add(entry);
        pendingCount = pending.size();
    }

    /**
     * The first pending entry for {@code record} that the current transaction has not skipped yet, or null.
     *
     * @param skippedInTransaction the entries the asking thread's open transaction already skipped
     */
    Entry find(ProducerRecord<byte[], byte[]> record, Collection<Entry> skippedInTransaction) {
        if (pendingCount == 0) {
            return null;
        }
        synchronized (this) {
            return findLocked(record, skippedInTransaction);
        }
    }

    private Entry findLocked(ProducerRecord<byte[], byte[]> record, Collection<Entry> skippedInTransaction) {
        for (Entry e : pending) {
            if (e.matches(record) && skippedInTransaction.stream().noneMatch(s -> s == e)) {
                return e;
            }
        }
        return null;
    }

    /** The transaction that skipped these entries committed: they are used up. */
    synchronized void committed(Collection<Entry> skipped) {
        pending.removeIf(e -> skipped.stream().anyMatch(s -> s == e));
        pendingCount = pending.size();
    }
}
