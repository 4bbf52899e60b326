package dev.rill.connect.internal.herder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rill.connect.internal.storage.TaskId;

/**
 * The JSON the workers exchange through the group coordinator. A member's metadata:
 * {@code {"version":1, "worker":<random id>, "url":…, "configOffset":…, "tasks":[["connector",0],…]}} (a connector
 * instance is task -1); an assignment:
 * {@code {"version":1, "leader":<the leader's worker id>, "leaderUrl":…, "configOffset":…, "tasks":[…],
 * "owners":[["connector",0,"<url>"],…]}}.
 */
final class GroupMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A member's join metadata; {@code worker} is a random id of the worker (stable while it runs). */
    record Metadata(String worker, String url, long configOffset, Set<TaskId> tasks) {
    }

    /** A member's share; {@code leader} is the leader's worker id (from its metadata). */
    record Assignment(String leader, String leaderUrl, long configOffset, Set<TaskId> tasks,
                      Map<TaskId, String> owners) {
    }

    private GroupMessages() {
    }

    static byte[] metadata(Metadata m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 1);
        out.put("worker", m.worker());
        out.put("url", m.url());
        out.put("configOffset", m.configOffset());
        out.put("tasks", taskList(m.tasks()));
        return write(out);
    }

    static Metadata parseMetadata(byte[] bytes) {
        Map<?, ?> m = read(bytes);
        if (m == null) {
            return new Metadata(null, null, -1, Set.of());
        }
        return new Metadata((String) m.get("worker"), (String) m.get("url"), number(m.get("configOffset")), tasks(m.get("tasks")));
    }

    static byte[] assignment(Assignment a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 1);
        out.put("leader", a.leader());
        out.put("leaderUrl", a.leaderUrl());
        out.put("configOffset", a.configOffset());
        out.put("tasks", taskList(a.tasks()));
        List<Object> owners = new ArrayList<>();
        a.owners().forEach((id, url) -> owners.add(List.of(id.connector(), id.task(), url)));
        out.put("owners", owners);
        return write(out);
    }

    static Assignment parseAssignment(byte[] bytes) {
        Map<?, ?> m = read(bytes);
        if (m == null) {
            throw new IllegalArgumentException("The group leader sent an assignment this worker cannot read; are "
                    + "workers of another Rill version or Apache Kafka Connect workers in the group?");
        }
        Map<TaskId, String> owners = new LinkedHashMap<>();
        if (m.get("owners") instanceof List<?> list) {
            for (Object o : list) {
                List<?> t = (List<?>) o;
                owners.put(new TaskId((String) t.get(0), ((Number) t.get(1)).intValue()), (String) t.get(2));
            }
        }
        return new Assignment((String) m.get("leader"), (String) m.get("leaderUrl"), number(m.get("configOffset")),
                tasks(m.get("tasks")), owners);
    }

    private static List<Object> taskList(Set<TaskId> tasks) {
        List<Object> out = new ArrayList<>();
        new TreeSet<>(tasks).forEach(id -> out.add(List.of(id.connector(), id.task())));
        return out;
    }

    private static Set<TaskId> tasks(Object raw) {
        Set<TaskId> out = new TreeSet<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                List<?> t = (List<?>) o;
                out.add(new TaskId((String) t.get(0), ((Number) t.get(1)).intValue()));
            }
        }
        return out;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<?, ?> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readValue(bytes, Map.class);
        } catch (IOException e) {
            return null;
        }
    }
}
