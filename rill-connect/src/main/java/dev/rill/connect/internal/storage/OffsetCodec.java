package dev.rill.connect.internal.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;

/** Serializes source offsets the way Kafka Connect does: JSON without schemas, key {@code [connector, partition]}. */
public final class OffsetCodec {
    private static final String NAMESPACE_TOPIC = "offsets";
    private final JsonConverter keys = new JsonConverter();
    private final JsonConverter values = new JsonConverter();

    public OffsetCodec() {
        keys.configure(Map.of("schemas.enable", "false", "converter.type", "key"), true);
        values.configure(Map.of("schemas.enable", "false", "converter.type", "value"), false);
    }

    public ByteBuffer key(String connector, Map<String, ?> partition) {
        return ByteBuffer.wrap(keys.fromConnectData(NAMESPACE_TOPIC, null, Arrays.asList(connector, partition)));
    }

    public ByteBuffer value(Map<String, ?> offset) {
        return offset == null ? null : ByteBuffer.wrap(values.fromConnectData(NAMESPACE_TOPIC, null, offset));
    }

    /** The connector name and partition of a stored key, or {@code null} for a key in another format. */
    @SuppressWarnings("unchecked")
    public Map.Entry<String, Map<String, Object>> parseKey(ByteBuffer key) {
        try {
            Object v = keys.toConnectData(NAMESPACE_TOPIC, bytes(key)).value();
            if (v instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String name
                    && list.get(1) instanceof Map<?, ?> partition) {
                return Map.entry(name, (Map<String, Object>) partition);
            }
            return null;
        } catch (DataException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> parseValue(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        Object v = values.toConnectData(NAMESPACE_TOPIC, bytes(value)).value();
        if (v != null && !(v instanceof Map)) {
            throw new DataException("Stored offset is not a JSON object: " + v);
        }
        return (Map<String, Object>) v;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
