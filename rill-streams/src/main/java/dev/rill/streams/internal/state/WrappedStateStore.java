package dev.rill.streams.internal.state;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A store layer (metering, caching, change logging) around a bytes store: by default every lifecycle call
 * goes to the inner store; a layer overrides only what it adds to.
 */
abstract class WrappedStateStore implements StateStore {

    protected final KeyValueStore<Bytes, byte[]> inner;

    WrappedStateStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
