package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/** The bytes Rill members exchange through the group protocol: a version, flags, and previously owned tasks. */
final class AssignmentCodec {
    static final byte VERSION = 1;
    static final byte FLAG_SHUTDOWN = 1;

    private AssignmentCodec() {
    }

    static ByteBuffer encode(boolean shutdown, Set<TaskId> tasks) {
        ByteBuffer buf = ByteBuffer.allocate(2 + 4 + tasks.size() * 8);
        buf.put(VERSION).put(shutdown ? FLAG_SHUTDOWN : 0).putInt(tasks.size());
        for (TaskId t : tasks) {
            buf.putInt(t.subtopology()).putInt(t.partition());
        }
        buf.flip();
        return buf;
    }

    record Decoded(boolean shutdown, Set<TaskId> tasks) {
    }

    static Decoded decode(ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return new Decoded(false, Set.of());
        }
        ByteBuffer buf = data.duplicate();
        byte version = buf.get();
        if (version != VERSION) {
            throw new StreamsException("A group member sent assignment data of version " + version + "; this Rill "
                    + "version understands " + VERSION + ". Run the same Rill version on all instances.");
        }
        boolean shutdown = (buf.get() & FLAG_SHUTDOWN) != 0;
        int n = buf.getInt();
        Set<TaskId> tasks = new HashSet<>();
        for (int i = 0; i < n; i++) {
            tasks.add(new TaskId(buf.getInt(), buf.getInt()));
        }
        return new Decoded(shutdown, tasks);
    }
}
