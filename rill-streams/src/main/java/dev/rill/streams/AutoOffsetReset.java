package dev.rill.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a source starts reading a partition that has no committed offset (or whose committed offset is no longer
 * in the log): at the earliest offset, at the latest, at the first record no older than a duration, or nowhere
 * ({@link #none()}: the application fails and says so).
 *
 * <pre>{@code
 * builder.stream("payment", Consumed.with(AutoOffsetReset.latest()));
 * topology.addSource(AutoOffsetReset.byDuration(Duration.ofHours(1)), "recent", "payment");
 * }</pre>
 * A source without a policy follows the main consumer's {@code auto.offset.reset} (Rill's default: earliest).
 */
public class AutoOffsetReset {
    /** One of {@code none}, {@code earliest}, {@code latest}, {@code by_duration}. */
    protected final String offsetResetStrategy;
    /** The look-back of {@code by_duration}; empty for the other strategies. */
    protected final Optional<Duration> duration;

    private AutoOffsetReset(String offsetResetStrategy, Duration duration) {
        this.offsetResetStrategy = offsetResetStrategy;
        this.duration = Optional.ofNullable(duration);
    }

    /** A copy of another policy, for subclasses. */
    protected AutoOffsetReset(AutoOffsetReset other) {
        this(other.offsetResetStrategy, other.duration.orElse(null));
    }

    /** No reset: a partition without a valid committed offset fails the application. */
    public static AutoOffsetReset none() {
        return new AutoOffsetReset("none", null);
    }

    /** Start at the earliest offset still in the log. */
    public static AutoOffsetReset earliest() {
        return new AutoOffsetReset("earliest", null);
    }

    /** Start at the end of the log: only records written from now on. */
    public static AutoOffsetReset latest() {
        return new AutoOffsetReset("latest", null);
    }

    /**
     * Start at the first record whose timestamp is at most {@code duration} before the reset (the end of the log
     * when there is none).
     *
     * @throws IllegalArgumentException if the duration is negative
     */
    public static AutoOffsetReset byDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the reset duration must not be negative but was " + duration);
        }
        return new AutoOffsetReset("by_duration", duration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoOffsetReset other && offsetResetStrategy.equals(other.offsetResetStrategy)
                && duration.equals(other.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offsetResetStrategy, duration);
    }

    @Override
    public String toString() {
        return duration.map(d -> offsetResetStrategy + ":" + d).orElse(offsetResetStrategy);
    }
}
