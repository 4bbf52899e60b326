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
 * Places tasks on members, balanced (loads differ by at most one) and sticky: a member keeps as many of the tasks it
 * owns as balance allows, then gets tasks it has warm state for, then the rest go to the least loaded. Owned tasks
 * win over warm ones so that a placement computed again from its own result keeps every task where it is, which
 * the cooperative protocol's follow-up rebalance relies on. Pure function, so it is tested without a broker.
 */
final class TaskPlacement {
    private TaskPlacement() {
    }

    /**
     * @param tasks    all tasks to place
     * @param previous each member (sorted keys give a deterministic order) and the tasks it owned before
     */
    static Map<String, Set<TaskId>> place(Collection<TaskId> tasks, Map<String, Set<TaskId>> previous) {
        return place(tasks, previous, Map.of());
    }

    /**
     * @param tasks all tasks to place
     * @param owned each member (sorted keys give a deterministic order) and the tasks it owns now
     * @param warm  tasks a member has local state for and is preferred for after its owned tasks (members missing
     *              here have none)
     */
    static Map<String, Set<TaskId>> place(Collection<TaskId> tasks, Map<String, Set<TaskId>> owned,
                                          Map<String, Set<TaskId>> warm) {
        TreeMap<String, Set<TaskId>> members = new TreeMap<>(owned);
        Map<String, Set<TaskId>> result = new LinkedHashMap<>();
        members.keySet().forEach(m -> result.put(m, new TreeSet<>()));
        if (members.isEmpty()) {
            return result;
        }
        int floor = tasks.size() / members.size();
        int extra = tasks.size() % members.size();
        Set<TaskId> unassigned = new TreeSet<>(tasks);
        List<Map<String, Set<TaskId>>> tiers = List.of(owned, warm);
        // 1. everyone keeps up to 'floor' preferred tasks, owned ones first
        for (Map<String, Set<TaskId>> tier : tiers) {
            for (String m : members.keySet()) {
                for (TaskId t : new TreeSet<>(tier.getOrDefault(m, Set.of()))) {
                    if (result.get(m).size() >= floor) {
                        break;
                    }
                    if (unassigned.remove(t)) {
                        result.get(m).add(t);
                    }
                }
            }
        }
        // 2. up to 'extra' members keep one more preferred task, owned ones first
        for (Map<String, Set<TaskId>> tier : tiers) {
            for (String m : members.keySet()) {
                if (extra == 0 || result.get(m).size() > floor) {
                    continue;
                }
                for (TaskId t : new TreeSet<>(tier.getOrDefault(m, Set.of()))) {
                    if (unassigned.remove(t)) {
                        result.get(m).add(t);
                        extra--;
                        break;
                    }
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
