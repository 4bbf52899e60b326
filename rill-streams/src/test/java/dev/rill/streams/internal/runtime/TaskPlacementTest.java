package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskPlacementTest {
    private static List<TaskId> tasks(int subtopologies, int partitions) {
        List<TaskId> out = new ArrayList<>();
        for (int s = 0; s < subtopologies; s++) {
            for (int p = 0; p < partitions; p++) {
                out.add(new TaskId(s, p));
            }
        }
        return out;
    }

    private static void assertBalancedAndComplete(Map<String, Set<TaskId>> placement, List<TaskId> tasks) {
        int min = placement.values().stream().mapToInt(Set::size).min().orElse(0);
        int max = placement.values().stream().mapToInt(Set::size).max().orElse(0);
        assertThat(max - min).as("loads %s", placement).isLessThanOrEqualTo(1);
        assertThat(TaskPlacement.union(placement.values())).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(placement.values().stream().mapToInt(Set::size).sum()).isEqualTo(tasks.size());
    }

    @Test
    void newMembersGetABalancedShare() {
        List<TaskId> tasks = tasks(2, 5);
        Map<String, Set<TaskId>> prev = Map.of("m1", Set.of(), "m2", Set.of(), "m3", Set.of());
        assertBalancedAndComplete(TaskPlacement.place(tasks, prev), tasks);
    }

    @Test
    void membersKeepTheirTasksWhenAMemberJoins() {
        List<TaskId> tasks = tasks(1, 4);
        Map<String, Set<TaskId>> prev = new HashMap<>();
        prev.put("a", Set.of(new TaskId(0, 0), new TaskId(0, 1)));
        prev.put("b", Set.of(new TaskId(0, 2), new TaskId(0, 3)));
        prev.put("c", Set.of());
        prev.put("d", Set.of());
        Map<String, Set<TaskId>> placement = TaskPlacement.place(tasks, prev);
        assertBalancedAndComplete(placement, tasks);
        assertThat(prev.get("a")).containsAnyElementsOf(placement.get("a"));
        assertThat(placement.get("a")).hasSize(1).isSubsetOf(prev.get("a"));
        assertThat(placement.get("b")).hasSize(1).isSubsetOf(prev.get("b"));
    }

    @Test
    void survivorsKeepTheirTasksAndShareTheDeadMembersTasks() {
        List<TaskId> tasks = tasks(1, 4);
        Map<String, Set<TaskId>> prev = Map.of("a", Set.of(new TaskId(0, 2)), "b", Set.of(new TaskId(0, 3)));
        Map<String, Set<TaskId>> placement = TaskPlacement.place(tasks, prev);
        assertBalancedAndComplete(placement, tasks);
        assertThat(placement.get("a")).contains(new TaskId(0, 2));
        assertThat(placement.get("b")).contains(new TaskId(0, 3));
    }

    @Test
    void aTaskClaimedByTwoMembersGoesToOneOnly() {
        List<TaskId> tasks = tasks(1, 3);
        Map<String, Set<TaskId>> prev = Map.of("a", Set.of(new TaskId(0, 0)), "b", Set.of(new TaskId(0, 0)));
        assertBalancedAndComplete(TaskPlacement.place(tasks, prev), tasks);
    }

    @Test
    void placementIsDeterministic() {
        List<TaskId> tasks = tasks(3, 7);
        Map<String, Set<TaskId>> prev = Map.of("x", Set.of(new TaskId(1, 1)), "y", Set.of(), "z", Set.of(new TaskId(2, 6)));
        assertThat(TaskPlacement.place(tasks, prev)).isEqualTo(TaskPlacement.place(tasks, prev));
    }
}
