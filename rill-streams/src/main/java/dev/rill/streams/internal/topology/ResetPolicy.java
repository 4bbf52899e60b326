package dev.rill.streams.internal.topology;

import dev.rill.streams.AutoOffsetReset;
import java.time.Duration;
import java.util.Optional;

/** Read access to an {@link AutoOffsetReset}: its strategy and, for {@code by_duration}, the look-back. */
public final class ResetPolicy extends AutoOffsetReset {
    public ResetPolicy(AutoOffsetReset policy) {
        super(policy);
    }

    /** {@code none}, {@code earliest}, {@code latest} or {@code by_duration}. */
    public String strategy() {
        return offsetResetStrategy;
    }

    public Optional<Duration> lookBack() {
        return duration;
    }

    /** The policy a consumer's {@code auto.offset.reset} value names ({@code by_duration:PT1H} included). */
    public static ResetPolicy parse(String value) {
        String v = value == null ? "earliest" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("by_duration:")) {
            return new ResetPolicy(AutoOffsetReset.byDuration(Duration.parse(value.trim().substring("by_duration:".length()))));
        }
        return switch (v) {
            case "earliest" -> new ResetPolicy(AutoOffsetReset.earliest());
            case "latest" -> new ResetPolicy(AutoOffsetReset.latest());
            case "none" -> new ResetPolicy(AutoOffsetReset.none());
            default -> throw new IllegalArgumentException("auto.offset.reset must be earliest, latest, none or "
                    + "by_duration:<ISO-8601 duration> but was '" + value + "'");
        };
    }
}
