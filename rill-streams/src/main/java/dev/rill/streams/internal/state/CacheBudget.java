package dev.rill.streams.internal.state;

import java.util.concurrent.atomic.AtomicLong;

/** The bound on bytes held by the write caches of one stream thread ({@code statestore.cache.max.bytes} split over threads). */
public final class CacheBudget {
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    public CacheBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    void add(long delta) {
        used.addAndGet(delta);
    }

    boolean overBudget() {
        return used.get() > maxBytes;
    }

    public long used() {
        return used.get();
    }
}
