package dev.rill.connect.internal.herder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.rill.connect.internal.storage.TaskId;

class TaskAssignmentsTest {
    private static TaskId t(String c, int n) {
        return new TaskId(c, n);
    }

    @Test
    void newTasksGoToTheLeastLoadedWorkersAndEachRunsOnce() {
        Map<String, Set<TaskId>> out = TaskAssignments.assign(Map.of("a", Set.of(), "b", Set.of(), "c", Set.of()),
                Set.of(t("x", 0), t("x", 1), t("x", 2), t("y", 0)));
        assertThat(out.values()).allSatisfy(tasks -> assertThat(tasks.size()).isBetween(1, 2));
        Set<TaskId> all = new HashSet<>();
        out.values().forEach(tasks -> tasks.forEach(id -> assertThat(all.add(id)).as("%s placed once", id).isTrue()));
        assertThat(all).hasSize(4);
    }

    @Test
    void runningTasksStayWhereTheyAreAndOnlyADepartedWorkersTasksMove() {
        Map<String, Set<TaskId>> out = TaskAssignments.assign(Map.of("a", Set.of(t("x", 0), t("x", 1)),
                "b", Set.of(t("x", 2))), Set.of(t("x", 0), t("x", 1), t("x", 2), t("x", 3)));
        assertThat(out.get("a")).containsExactlyInAnyOrder(t("x", 0), t("x", 1));
        assertThat(out.get("b")).containsExactlyInAnyOrder(t("x", 2), t("x", 3));
    }

    @Test
    void aTaskClaimedTwiceStaysWithOneWorkerAndDeletedTasksAreDropped() {
        Map<String, Set<TaskId>> out = TaskAssignments.assign(Map.of("a", Set.of(t("x", 0), t("gone", 0)),
                "b", Set.of(t("x", 0))), Set.of(t("x", 0)));
        assertThat(out.get("a")).containsExactly(t("x", 0));
        assertThat(out.get("b")).isEmpty();
    }

    @Test
    void aJoiningWorkerGetsItsShareInASecondRoundAfterTheBusiestWorkersStopSome() {
        Map<String, Set<TaskId>> placed = TaskAssignments.assign(Map.of(
                "a", Set.of(t("x", 0), t("x", 1), t("x", 2)), "b", Set.of(t("x", 3), t("x", 4), t("x", 5)),
                "new", Set.of()), Set.of(t("x", 0), t("x", 1), t("x", 2), t("x", 3), t("x", 4), t("x", 5)));
        Set<TaskId> revoked = TaskAssignments.revocations(placed);
        assertThat(revoked).hasSize(2);
        placed.values().forEach(mine -> mine.removeAll(revoked));
        assertThat(placed.get("a")).hasSize(2);
        assertThat(placed.get("b")).hasSize(2);
        // round two: the revoked tasks run nowhere, so they go to the worker that has none
        Map<String, Set<TaskId>> next = TaskAssignments.assign(Map.of("a", placed.get("a"), "b", placed.get("b"),
                "new", Set.of()), Set.of(t("x", 0), t("x", 1), t("x", 2), t("x", 3), t("x", 4), t("x", 5)));
        assertThat(next.get("new")).containsExactlyInAnyOrderElementsOf(revoked);
        assertThat(TaskAssignments.revocations(next)).isEmpty();
    }

    @Test
    void aBalancedGroupRevokesNothing() {
        assertThat(TaskAssignments.revocations(Map.of("a", Set.of(t("x", 0), t("x", 1)), "b", Set.of(t("x", 2)))))
                .isEmpty();
    }
}
