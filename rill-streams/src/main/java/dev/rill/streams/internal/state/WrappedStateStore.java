package dev.rill.streams.internal.state;

import dev.rill.streams.processor.StateStore;

/**
 * A store layer (metering, caching, change logging) around an inner store of any kind: by default every lifecycle
 * call goes to the inner store; a layer overrides only what it adds to. The key-value layers wrap a
 * {@code KeyValueStore<Bytes, byte[]>}; a segmented window or session byte store is one too, so they stack the same.
 *
 * @param <S> the kind of store wrapped
 */
abstract class WrappedStateStore<S extends StateStore> implements StateStore {

    protected final S inner;

    WrappedStateStore(S inner) {
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
