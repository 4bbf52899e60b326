package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsMetrics;
import dev.rill.streams.internal.metrics.StreamsMetricsImpl;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.Metrics;

/**
 * Counters of one stream thread's tasks, read by the metrics view of the instance, and the registry processors and
 * stores add their own sensors to.
 */
public final class TaskMetrics {
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final StreamsMetrics streamsMetrics;

    /** Counters whose user sensors go to a registry of their own (for tests of the engine alone). */
    public TaskMetrics() {
        this(new StreamsMetricsImpl(new Metrics()));
    }

    /** Counters whose user sensors go to the given registry view (the instance's or the test driver's). */
    public TaskMetrics(StreamsMetrics streamsMetrics) {
        this.streamsMetrics = Objects.requireNonNull(streamsMetrics, "streamsMetrics");
    }

    /** What {@code metrics()} of processor and store contexts returns. */
    public StreamsMetrics streamsMetrics() {
        return streamsMetrics;
    }

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
