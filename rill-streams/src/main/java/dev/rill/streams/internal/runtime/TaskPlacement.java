package dev.rill.streams.internal.runtime;

import dev.rill.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places tasks on members, balanced (loads differ by at most one) and sticky (a member keeps as many of its previous
 * tasks as balance allows). Pure function, so it is tested without a broker.
 */
final class TaskPlacement {
    private TaskPlacement() {
    }

    /**
     * @param tasks    all tasks to place
     * @param previous each member (sorted keys give a deterministic order) and the tasks it owned before
     */
    static Map<String, Set<TaskId>> place(Collection<TaskId> tasks, Map<String, Set<TaskId>> previous) {
        TreeMap<String, Set<TaskId>> members = new TreeMap<>(previous);
        Map<String, Set<TaskId>> result = new LinkedHashMap<>();
        members.keySet().forEach(m -> result.put(m, new TreeSet<>()));
        if (members.isEmpty()) {
            return result;
        }
        int floor = tasks.size() / members.size();
        int extra = tasks.size() % members.size();
        Set<TaskId> unassigned = new TreeSet<>(tasks);
        // 1. everyone keeps up to 'floor' of its previous tasks
        for (Map.Entry<String, Set<TaskId>> m : members.entrySet()) {
            for (TaskId t : new TreeSet<>(m.getValue())) {
                if (result.get(m.getKey()).size() >= floor) {
                    break;
                }
                if (unassigned.remove(t)) {
                    result.get(m.getKey()).add(t);
                }
            }
        }
        // 2. up to 'extra' members keep one more previous task
        for (Map.Entry<String, Set<TaskId>> m : members.entrySet()) {
            if (extra == 0) {
                break;
            }
            for (TaskId t : new TreeSet<>(m.getValue())) {
                if (unassigned.remove(t)) {
                    result.get(m.getKey()).add(t);
                    extra--;
                    break;
                }
            }
        }
        // 3. the rest go to the least loaded members
        List<String> order = new ArrayList<>(members.keySet());
        for (TaskId t : unassigned) {
            String target = null;
            for (String m : order) {
                if (target == null || result.get(m).size() < result.get(target).size()) {
                    target = m;
                }
            }
            result.get(target).add(t);
        }
        return result;
    }

    static Set<TaskId> union(Collection<Set<TaskId>> sets) {
        Set<TaskId> out = new HashSet<>();
        sets.forEach(out::addAll);
        return out;
    }
}
