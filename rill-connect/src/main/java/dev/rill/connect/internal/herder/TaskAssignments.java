package dev.rill.connect.internal.herder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.rill.connect.internal.storage.TaskId;

/**
 * The leader's placement of tasks on workers, sticky: a task stays on the live worker that runs it (so a
 * rebalance never stops a task that does not move), and the tasks nobody runs (new ones, and those of a worker
 * that left) go to the least-loaded workers, ties broken by member id. A task claimed by two workers (possible only
 * after a partition of the group) stays with the first by member id and is stopped on the other.
 *
 * <p>Balance in two rounds, so that no task ever runs on two workers: when a worker has fewer than its fair share
 * (a worker joined), {@link #revocations} names tasks to take from the most loaded workers; the leader leaves them
 * out of this round's assignment (their workers stop them) and asks for another rebalance, in which nobody runs
 * them and they go to the least-loaded workers.
 */
final class TaskAssignments {
    private TaskAssignments() {
    }

    /**
     * @param owned what each member reports running (member id → tasks)
     * @param tasks every task that should run
     * @return the tasks of every member, every task on exactly one member
     */
    static Map<String, Set<TaskId>> assign(Map<String, Set<TaskId>> owned, Set<TaskId> tasks) {
        Map<String, Set<TaskId>> out = new TreeMap<>();
        owned.keySet().forEach(m -> out.put(m, new TreeSet<>()));
        if (out.isEmpty()) {
            return out;
        }
        Set<TaskId> placed = new HashSet<>();
        out.forEach((member, mine) -> {
            for (TaskId id : owned.get(member)) {
                if (tasks.contains(id) && placed.add(id)) {
                    mine.add(id);
                }
            }
        });
        List<TaskId> remaining = new ArrayList<>(new TreeSet<>(tasks));
        remaining.removeAll(placed);
        Comparator<String> byLoad = Comparator.<String>comparingInt(m -> out.get(m).size())
                .thenComparing(Comparator.naturalOrder());
        for (TaskId id : remaining) {
            String least = out.keySet().stream().min(byLoad).orElseThrow();
            out.get(least).add(id);
        }
        return out;
    }

    /** Tasks to take away from the most loaded workers so that every worker can reach its fair share next round. */
    static Set<TaskId> revocations(Map<String, Set<TaskId>> placed) {
        int members = placed.size();
        int total = placed.values().stream().mapToInt(Set::size).sum();
        if (members < 2 || total == 0) {
            return Set.of();
        }
        int floor = total / members;
        int deficit = placed.values().stream().mapToInt(t -> Math.max(0, floor - t.size())).sum();
        Map<String, TreeSet<TaskId>> left = new TreeMap<>();
        placed.forEach((m, t) -> left.put(m, new TreeSet<>(t)));
        Set<TaskId> revoked = new TreeSet<>();
        for (int i = 0; i < deficit; i++) {
            String most = left.keySet().stream().max(Comparator.<String>comparingInt(m -> left.get(m).size())
                    .thenComparing(Comparator.reverseOrder())).orElseThrow();
            if (left.get(most).size() <= floor) {
                break;
            }
            revoked.add(left.get(most).pollLast());
        }
        return revoked;
    }
}
