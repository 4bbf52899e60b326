package dev.rill.streams.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one stream thread's tasks, read by the metrics view of the instance. */
public final class TaskMetrics {
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public void recordProcessed(long n) {
        processed.addAndGet(n);
    }

    public void recordDropped() {
        dropped.incrementAndGet();
    }

    public long processed() {
        return processed.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
