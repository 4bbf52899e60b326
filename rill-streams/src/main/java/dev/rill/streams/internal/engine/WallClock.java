package dev.rill.streams.internal.engine;

/** Wall-clock time as a task sees it: the system clock in the runtime, a manual clock in the test driver. */
@FunctionalInterface
public interface WallClock {
    WallClock SYSTEM = System::currentTimeMillis;

    long millis();
}
