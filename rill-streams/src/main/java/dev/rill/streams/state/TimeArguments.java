package dev.rill.streams.state;

import java.time.Duration;
import java.time.Instant;

/** Turns the {@code Instant} and {@code Duration} arguments of the store API into milliseconds, as Kafka Streams checks them. */
final class TimeArguments {
    private TimeArguments() {
    }

    /**
     * @param name the parameter's name, as Kafka Streams reports it
     * @throws IllegalArgumentException naming the parameter and its value when it is null or out of the range of
     *                                  a long of epoch milliseconds
     */
    static long millis(Instant value, String name) {
        String problem = problem(value, name);
        if (value == null) {
            throw new IllegalArgumentException(problem + "It shouldn't be null.");
        }
        try {
            return value.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(problem + "It can't be converted to milliseconds.", e);
        }
    }

    /** As {@link #millis(Instant, String)} for a duration. */
    static long millis(Duration value, String name) {
        String problem = problem(value, name);
        if (value == null) {
            throw new IllegalArgumentException(problem + "It shouldn't be null.");
        }
        try {
            return value.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(problem + "It can't be converted to milliseconds.", e);
        }
    }

    private static String problem(Object value, String name) {
        return "Invalid value for parameter \"" + name + "\" (value was: " + value + "). ";
    }
}
