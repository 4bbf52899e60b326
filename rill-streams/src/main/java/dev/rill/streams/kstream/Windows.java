package dev.rill.streams.kstream;

import java.util.Map;

/**
 * A way of dividing time into windows for a windowed aggregation: which windows a timestamp falls into, how long
 * each lasts, and how long after its end a window still accepts late records (the grace period).
 *
 * @param <W> the kind of window
 */
public abstract class Windows<W extends Window> {
    /** The grace period of windows made "with no grace". */
    protected static final long NO_GRACE_PERIOD = 0L;
    /** The grace period Kafka Streams' deprecated factories default to: 24 hours, less the window size. */
    protected static final long DEPRECATED_DEFAULT_24_HR_GRACE_PERIOD = 24 * 60 * 60 * 1000L;

    protected Windows() {
    }

    /** The windows that contain {@code timestamp}, by start time, in ascending order. */
    public abstract Map<Long, W> windowsFor(long timestamp);

    /** The size of a window, milliseconds. */
    public abstract long size();

    /** How long after its end a window accepts late records, milliseconds. */
    public abstract long gracePeriodMs();
}
