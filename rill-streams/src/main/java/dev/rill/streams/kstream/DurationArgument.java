package dev.rill.streams.kstream;

import java.time.Duration;

/** Turns a {@code Duration} argument of the window API into milliseconds, rejecting null and overflow. */
final class DurationArgument {
    private DurationArgument() {
    }

    /**
     * @param name the parameter's name, as Kafka Streams reports it
     * @throws IllegalArgumentException naming the parameter and its value when it is null or too large for a long of
     *                                  milliseconds
     */
    static long toMillis(Duration value, String name) {
        String problem = "Invalid value for parameter \"" + name + "\" (value was: " + value + "). ";
        if (value == null) {
            throw new IllegalArgumentException(problem + "It shouldn't be null.");
        }
        try {
            return value.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(problem + "It can't be converted to milliseconds.", e);
        }
    }
}
