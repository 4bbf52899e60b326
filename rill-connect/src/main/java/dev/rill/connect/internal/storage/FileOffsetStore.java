package dev.rill.connect.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Standalone offsets in {@code offset.storage.file.filename}. The file format is the one Apache Kafka Connect's
 * standalone worker writes (a serialized {@code HashMap<byte[], byte[]>}), so a worker can switch between Apache
 * and Rill and keep its source offsets. Writes go to a temporary file that is atomically moved into place.
 */
public final class FileOffsetStore implements OffsetStore {
    private final Path file;
    private final Map<ByteBuffer, ByteBuffer> data = new HashMap<>();

    public FileOffsetStore(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void start() {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream ois = new ObjectInputStream(in)) {
            ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "java.util.HashMap;[B;java.util.Map$Entry;maxdepth=4;!*"));
            Object raw = ois.readObject();
            if (!(raw instanceof Map<?, ?> map)) {
                throw new ConnectException("Offset file " + file + " does not hold a map; found "
                        + (raw == null ? "null" : raw.getClass().getName()) + ". Move it aside to start afresh");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                data.put(e.getKey() == null ? null : ByteBuffer.wrap((byte[]) e.getKey()),
                        e.getValue() == null ? null : ByteBuffer.wrap((byte[]) e.getValue()));
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new ConnectException("Cannot read offset file " + file + " (" + e + "); it must be a file written "
                    + "by a Connect standalone worker. Move it aside to start without stored offsets", e);
        }
    }

    @Override
    public synchronized Map<ByteBuffer, ByteBuffer> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
        for (ByteBuffer k : keys) {
            ByteBuffer v = data.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    @Override
    public synchronized Map<ByteBuffer, ByteBuffer> all() {
        return new HashMap<>(data);
    }

    @Override
    public synchronized void set(Map<ByteBuffer, ByteBuffer> values) {
        values.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            } else {
                data.put(k, v);
            }
        });
        save();
    }

    private void save() {
        HashMap<byte[], byte[]> raw = new HashMap<>();
        data.forEach((k, v) -> raw.put(k == null ? null : array(k), v == null ? null : array(v)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream out = Files.newOutputStream(tmp); ObjectOutputStream oos = new ObjectOutputStream(out)) {
                oos.writeObject(raw);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConnectException("Cannot write offset file " + file + ": " + e.getMessage()
                    + "; check that its directory exists and is writable", e);
        }
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public void close() {
        // every set() is already durable
    }
}
