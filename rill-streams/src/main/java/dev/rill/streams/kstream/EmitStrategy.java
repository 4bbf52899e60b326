package dev.rill.streams.kstream;

/**
 * When a windowed aggregation forwards its results: on every update of a window (the default), or once per window
 * when it closes (its end plus the grace period has passed in stream time).
 *
 * <pre>{@code
 * stream.groupByKey()
 *       .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofMinutes(1)))
 *       .emitStrategy(EmitStrategy.onWindowClose())
 *       .count();
 * }</pre>
 */
public interface EmitStrategy {
    /** The kinds of emit strategy. */
    enum StrategyType {
        /** Forward every change of a window's aggregate. */
        ON_WINDOW_UPDATE,
        /** Forward a window's final aggregate once, after the window closed. */
        ON_WINDOW_CLOSE
    }

    /** This strategy's kind. */
    StrategyType type();

    /**
     * Forward a window's result only once, when stream time passes its end plus the grace period. Results are
     * checked for at most once per {@code __emit.interval.ms.kstreams.windowed.aggregation__} milliseconds of wall
     * clock time (default 1000), as in Kafka Streams.
     */
    static EmitStrategy onWindowClose() {
        return Strategies.ON_CLOSE;
    }

    /** Forward every update of a window's aggregate (through the store's write cache when it has one). */
    static EmitStrategy onWindowUpdate() {
        return Strategies.ON_UPDATE;
    }
}

/** The two strategy instances. */
final class Strategies {
    static final EmitStrategy ON_CLOSE = new Fixed(EmitStrategy.StrategyType.ON_WINDOW_CLOSE);
    static final EmitStrategy ON_UPDATE = new Fixed(EmitStrategy.StrategyType.ON_WINDOW_UPDATE);

    private Strategies() {
    }

    private record Fixed(EmitStrategy.StrategyType type) implements EmitStrategy {
        @Override
        public String toString() {
            return "EmitStrategy." + (type == StrategyType.ON_WINDOW_CLOSE ? "onWindowClose()" : "onWindowUpdate()");
        }
    }
}
