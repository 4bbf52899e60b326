package dev.rill.streams.state;

import dev.rill.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a DSL operator asks of a window store from {@link DslStoreSuppliers#windowStore}.
 *
 * @param name             the store's name
 * @param retentionPeriod  how long windows are kept
 * @param windowSize       the size of the windows
 * @param retainDuplicates whether records of equal key and window are all kept (stream-stream joins)
 * @param emitStrategy     when the operator emits its results
 * @param isSlidingWindow  whether the windows are sliding windows
 * @param isTimestamped    whether the operator keeps a timestamp with each value
 */
public record DslWindowParams(String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates,
                              EmitStrategy emitStrategy, boolean isSlidingWindow, boolean isTimestamped) {
    public DslWindowParams {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retentionPeriod, "retentionPeriod");
        Objects.requireNonNull(windowSize, "windowSize");
    }
}
