package dev.rill.streams.kstream;

/** Gives the initial aggregate of a key. */
@FunctionalInterface
public interface Initializer<VA> {
    VA apply();
}
