package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.Arrays;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;

/**
 * A prefix scan as a range over a byte store: from the prefix itself up to the smallest key after every key with
 * that prefix, so that each store kind answers it with the range read it already has.
 */
final class PrefixRange {
    private PrefixRange() {
    }

    /** The entries of {@code store} whose key starts with {@code prefix}, in key order. */
    static KeyValueIterator<Bytes, byte[]> scan(KeyValueStore<Bytes, byte[]> store, byte[] prefix) {
        byte[] end = successor(prefix);
        // range() includes its upper bound; the successor itself does not start with the prefix, so it is filtered
        KeyValueIterator<Bytes, byte[]> range = store.range(Bytes.wrap(prefix), end == null ? null : Bytes.wrap(end));
        return new KeyValueIterator<>() {
            private KeyValue<Bytes, byte[]> next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                while (range.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = range.next();
                    if (startsWith(kv.key.get(), prefix)) {
                        next = kv;
                        return true;
                    }
                }
                return false;
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                KeyValue<Bytes, byte[]> kv = next;
                next = null;
                return kv;
            }

            @Override
            public Bytes peekNextKey() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next.key;
            }

            @Override
            public void close() {
                range.close();
            }
        };
    }

    /** The smallest byte string greater than every string that starts with {@code prefix}; null when none is. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] out = Arrays.copyOf(prefix, i + 1);
                out[i]++;
                return out;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
