package dev.rill.streams.processor;

/** Receives one changelog record during restore; a null value deletes the key. */
@FunctionalInterface
public interface StateRestoreCallback {
    void restore(byte[] key, byte[] value);
}
