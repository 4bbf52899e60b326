package dev.rill.streams.processor;

import java.util.Objects;

/** Identifies a task: a sub-topology and the input partition number it processes. Printed as {@code 0_3}. */
public final class TaskId implements Comparable<TaskId> {
    private final int subtopology;
    private final int partition;

    /** Creates a task id. */
    public TaskId(int subtopology, int partition) {
        this.subtopology = subtopology;
        this.partition = partition;
    }

    /** The sub-topology id. */
    public int subtopology() {
        return subtopology;
    }

    /** The partition number. */
    public int partition() {
        return partition;
    }

    @Override
    public int compareTo(TaskId o) {
        int c = Integer.compare(subtopology, o.subtopology);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskId t && t.subtopology == subtopology && t.partition == partition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtopology, partition);
    }

    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
