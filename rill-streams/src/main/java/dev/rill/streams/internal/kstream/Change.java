package dev.rill.streams.internal.kstream;

/** An update of a KTable row as it flows between table operators: the new and the previous value (either may be null). */
record Change<V>(V newValue, V oldValue) {
}
