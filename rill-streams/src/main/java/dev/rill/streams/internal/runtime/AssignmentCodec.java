package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bytes Rill members exchange through the group protocol: a version, flags, the member's
 * {@code application.server} (empty if none), its previously owned tasks, the tasks it has local state for, and (in
 * assignments) every host's active tasks for interactive queries.
 */
final class AssignmentCodec {
    static final byte VERSION = 2;
    static final byte FLAG_SHUTDOWN = 1;

    private AssignmentCodec() {
    }

    /**
     * @param process    identifies the instance (all its threads share one state directory)
     * @param stateTasks in a subscription: tasks with local state; in an assignment: the member's standby tasks
     */
    record Decoded(boolean shutdown, String host, String process, Set<TaskId> tasks, Set<TaskId> stateTasks,
                   Map<String, Set<TaskId>> hostTasks) {
    }

    static ByteBuffer encode(boolean shutdown, Set<TaskId> tasks) {
        return encode(new Decoded(shutdown, "", "", tasks, Set.of(), Map.of()));
    }

    static ByteBuffer encode(Decoded d) {
        byte[] host = (d.host() == null ? "" : d.host()).getBytes(StandardCharsets.UTF_8);
        byte[] process = (d.process() == null ? "" : d.process()).getBytes(StandardCharsets.UTF_8);
        int size = 2 + 4 + host.length + 4 + process.length + 4 + d.tasks().size() * 8 + 4 + d.stateTasks().size() * 8 + 4;
        Map<byte[], Set<TaskId>> hosts = new HashMap<>();
        for (Map.Entry<String, Set<TaskId>> e : d.hostTasks().entrySet()) {
            byte[] h = e.getKey().getBytes(StandardCharsets.UTF_8);
            hosts.put(h, e.getValue());
            size += 4 + h.length + 4 + e.getValue().size() * 8;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(VERSION).put(d.shutdown() ? FLAG_SHUTDOWN : 0);
        buf.putInt(host.length).put(host);
        buf.putInt(process.length).put(process);
        putTasks(buf, d.tasks());
        putTasks(buf, d.stateTasks());
        buf.putInt(hosts.size());
        hosts.forEach((h, t) -> {
            buf.putInt(h.length).put(h);
            putTasks(buf, t);
        });
        buf.flip();
        return buf;
    }

    private static void putTasks(ByteBuffer buf, Set<TaskId> tasks) {
        buf.putInt(tasks.size());
        for (TaskId t : tasks) {
            buf.putInt(t.subtopology()).putInt(t.partition());
        }
    }

    private static Set<TaskId> getTasks(ByteBuffer buf) {
        int n = buf.getInt();
        Set<TaskId> tasks = new HashSet<>();
        for (int i = 0; i < n; i++) {
            tasks.add(new TaskId(buf.getInt(), buf.getInt()));
        }
        return tasks;
    }

    private static String getString(ByteBuffer buf) {
        byte[] b = new byte[buf.getInt()];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static Decoded decode(ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return new Decoded(false, "", "", Set.of(), Set.of(), Map.of());
        }
        ByteBuffer buf = data.duplicate();
        byte version = buf.get();
        if (version != VERSION) {
            throw new StreamsException("A group member sent assignment data of version " + version + "; this Rill "
                    + "version understands " + VERSION + ". Run the same Rill version on all instances.");
        }
        boolean shutdown = (buf.get() & FLAG_SHUTDOWN) != 0;
        String host = getString(buf);
        String process = getString(buf);
        Set<TaskId> tasks = getTasks(buf);
        Set<TaskId> stateTasks = getTasks(buf);
        int hosts = buf.getInt();
        Map<String, Set<TaskId>> hostTasks = new HashMap<>();
        for (int i = 0; i < hosts; i++) {
            String h = getString(buf);
            hostTasks.put(h, getTasks(buf));
        }
        return new Decoded(shutdown, host, process, tasks, stateTasks, hostTasks);
    }
}
