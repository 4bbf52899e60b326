package dev.rill.streams.internal.runtime;

import dev.rill.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places standby copies of stateful tasks: each copy on a different instance than the active task and than the
 * other copies, preferring members that already have the task's state, then the least loaded.
 */
final class StandbyPlacement {
    private StandbyPlacement() {
    }

    static Map<String, Set<TaskId>> place(Map<String, Set<TaskId>> active, Map<String, AssignmentCodec.Decoded> members,
                                          Set<TaskId> stateful, int replicas) {
        Map<String, Set<TaskId>> out = new TreeMap<>();
        if (replicas <= 0) {
            return out;
        }
        Map<TaskId, String> activeProcess = new HashMap<>();
        active.forEach((m, ts) -> ts.forEach(t -> activeProcess.put(t, members.get(m).process())));
        Map<String, Integer> load = new HashMap<>();
        active.forEach((m, ts) -> load.put(m, ts.size()));
        for (TaskId task : stateful) {
            Set<String> usedProcesses = new HashSet<>();
            usedProcesses.add(activeProcess.get(task));
            for (int r = 0; r < replicas; r++) {
                List<String> candidates = new ArrayList<>();
                for (String m : new TreeSet<>(members.keySet())) {
                    if (!usedProcesses.contains(members.get(m).process())) {
                        candidates.add(m);
                    }
                }
                if (candidates.isEmpty()) {
                    break;
                }
                candidates.sort(Comparator.comparing((String m) -> !members.get(m).stateTasks().contains(task))
                        .thenComparing(m -> load.getOrDefault(m, 0)));
                String chosen = candidates.get(0);
                out.computeIfAbsent(chosen, k -> new TreeSet<>()).add(task);
                load.merge(chosen, 1, Integer::sum);
                usedProcesses.add(members.get(chosen).process());
            }
        }
        return out;
    }
}
