package dev.rill.streams.internal.engine;

import java.util.Iterator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Forwards to another {@link Headers} object. Handing the producer this view instead of a consumer record's own
 * headers keeps those headers writable for the other branches of the topology, without copying them.
 */
final class HeadersView implements Headers {
    private final Headers delegate;

    HeadersView(Headers delegate) {
        this.delegate = delegate;
    }

    @Override
    public Headers add(Header header) {
        delegate.add(header);
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        delegate.add(key, value);
        return this;
    }

    @Override
    public Headers remove(String key) {
        delegate.remove(key);
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        return delegate.lastHeader(key);
    }

    @Override
    public Iterable<Header> headers(String key) {
        return delegate.headers(key);
    }

    @Override
    public Header[] toArray() {
        return delegate.toArray();
    }

    @Override
    public Iterator<Header> iterator() {
        return delegate.iterator();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
