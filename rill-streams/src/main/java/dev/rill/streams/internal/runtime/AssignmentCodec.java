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
 * {@code application.server} (empty if none), its process id, the tasks it has local state for (in assignments: its
 * standby tasks), and (in assignments) every host's active and standby tasks for interactive queries. A member's
 * owned tasks are not in here: the consumer sends its owned partitions itself (cooperative protocol).
 */
final class AssignmentCodec {
    static final byte VERSION = 4;
    static final byte FLAG_SHUTDOWN = 1;
    static final byte FLAG_FOLLOW_UP = 2;

    private AssignmentCodec() {
    }

    /**
     * @param followUp   in an assignment: some tasks were only revoked from their owner in this rebalance and go to
     *                   their new owner in the follow-up rebalance the revoking member triggers
     * @param process    identifies the instance (all its threads share one state directory)
     * @param stateTasks in a subscription: tasks with local state; in an assignment: the member's standby tasks
     * @param hostTasks        in an assignment: the active tasks of every host with an {@code application.server}
     * @param hostStandbyTasks in an assignment: the standby tasks of every such host
     */
    record Decoded(boolean shutdown, boolean followUp, String host, String process, Set<TaskId> stateTasks,
                   Map<String, Set<TaskId>> hostTasks, Map<String, Set<TaskId>> hostStandbyTasks) {
    }

    static ByteBuffer encodeShutdown() {
        return encode(new Decoded(true, false, "", "", Set.of(), Map.of(), Map.of()));
    }

    static ByteBuffer encode(Decoded d) {
        byte[] host = (d.host() == null ? "" : d.host()).getBytes(StandardCharsets.UTF_8);
        byte[] process = (d.process() == null ? "" : d.process()).getBytes(StandardCharsets.UTF_8);
        int size = 2 + 4 + host.length + 4 + process.length + 4 + d.stateTasks().size() * 8
                + hostsSize(d.hostTasks()) + hostsSize(d.hostStandbyTasks());
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(VERSION).put((byte) ((d.shutdown() ? FLAG_SHUTDOWN : 0) | (d.followUp() ? FLAG_FOLLOW_UP : 0)));
        buf.putInt(host.length).put(host);
        buf.putInt(process.length).put(process);
        putTasks(buf, d.stateTasks());
        putHosts(buf, d.hostTasks());
        putHosts(buf, d.hostStandbyTasks());
        buf.flip();
        return buf;
    }

    private static int hostsSize(Map<String, Set<TaskId>> hosts) {
        int size = 4;
        for (Map.Entry<String, Set<TaskId>> e : hosts.entrySet()) {
            size += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + e.getValue().size() * 8;
        }
        return size;
    }

    private static void putHosts(ByteBuffer buf, Map<String, Set<TaskId>> hosts) {
        buf.putInt(hosts.size());
        hosts.forEach((h, t) -> {
            byte[] bytes = h.getBytes(StandardCharsets.UTF_8);
            buf.putInt(bytes.length).put(bytes);
            putTasks(buf, t);
        });
    }

    private static Map<String, Set<TaskId>> getHosts(ByteBuffer buf) {
        int hosts = buf.getInt();
        Map<String, Set<TaskId>> out = new HashMap<>();
        for (int i = 0; i < hosts; i++) {
            String h = getString(buf);
            out.put(h, getTasks(buf));
        }
        return out;
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
            return new Decoded(false, false, "", "", Set.of(), Map.of(), Map.of());
        }
        ByteBuffer buf = data.duplicate();
        byte version = buf.get();
        if (version != VERSION) {
            throw new StreamsException("A group member sent assignment data of version " + version + "; this Rill "
                    + "version understands " + VERSION + ". Run the same Rill version on all instances.");
        }
        byte flags = buf.get();
        String host = getString(buf);
        String process = getString(buf);
        Set<TaskId> stateTasks = getTasks(buf);
        Map<String, Set<TaskId>> hostTasks = getHosts(buf);
        Map<String, Set<TaskId>> hostStandbyTasks = getHosts(buf);
        return new Decoded((flags & FLAG_SHUTDOWN) != 0, (flags & FLAG_FOLLOW_UP) != 0, host, process, stateTasks,
                hostTasks, hostStandbyTasks);
    }
}
