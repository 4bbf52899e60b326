package dev.rill.streams.processor.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A mutable, list-backed {@link Headers} implementation for records created in user code (kafka-clients' own
 * implementation lives in an internal package).
 */
public final class SimpleHeaders implements Headers {
    private final List<Header> headers;

    /** Empty headers. */
    public SimpleHeaders() {
        this.headers = new ArrayList<>(2);
    }

    /** A copy of the given headers (null gives empty headers). */
    public SimpleHeaders(Iterable<Header> source) {
        this();
        if (source != null) {
            for (Header h : source) {
                headers.add(h);
            }
        }
    }

    @Override
    public Headers add(Header header) {
        headers.add(Objects.requireNonNull(header, "header"));
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new SimpleHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        headers.removeIf(h -> h.key().equals(key));
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equals(key)) {
                out.add(h);
            }
        }
        return out;
    }

    @Override
    public Header[] toArray() {
        return headers.toArray(new Header[0]);
    }

    @Override
    public Iterator<Header> iterator() {
        return headers.iterator();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other)) {
            return false;
        }
        return Arrays.equals(toArray(), other.toArray());
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return headers.toString();
    }

    /** One header: a string key and a byte-array value. */
    public static final class SimpleHeader implements Header {
        private final String key;
        private final byte[] value;

        public SimpleHeader(String key, byte[] value) {
            this.key = Objects.requireNonNull(key, "header key");
            this.value = value;
        }

        /** A header whose value is the UTF-8 bytes of a string. */
        public static SimpleHeader of(String key, String value) {
            return new SimpleHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public byte[] value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && key.equals(h.key()) && Arrays.equals(value, h.value());
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + (value == null ? "null" : new String(value, StandardCharsets.UTF_8));
        }
    }
}
