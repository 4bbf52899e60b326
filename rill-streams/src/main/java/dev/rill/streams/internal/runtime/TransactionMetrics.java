package dev.rill.streams.internal.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Transactions of an instance's stream threads under exactly-once: commits, their latency, aborts by reason. */
final class TransactionMetrics {
    /** Why a transaction was aborted. */
    static final List<String> ABORT_REASONS = List.of("fenced", "stale-generation", "timeout", "error", "dropped");

    private final LongAdder commits = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAccumulator maxCommitNanos = new LongAccumulator(Math::max, 0);
    private final Map<String, AtomicLong> aborts = new ConcurrentHashMap<>();

    TransactionMetrics() {
        ABORT_REASONS.forEach(r -> aborts.put(r, new AtomicLong()));
    }

    void committed(long nanos) {
        commits.increment();
        commitNanos.add(nanos);
        maxCommitNanos.accumulate(nanos);
    }

    void aborted(String reason) {
        aborts.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    long commits() {
        return commits.sum();
    }

    /** Mean commit latency in ms (0 before the first commit). */
    double commitLatencyAvgMs() {
        long n = commits.sum();
        return n == 0 ? 0 : commitNanos.sum() / 1e6 / n;
    }

    double commitLatencyMaxMs() {
        return maxCommitNanos.get() / 1e6;
    }

    long aborts(String reason) {
        AtomicLong a = aborts.get(reason);
        return a == null ? 0 : a.get();
    }
}
