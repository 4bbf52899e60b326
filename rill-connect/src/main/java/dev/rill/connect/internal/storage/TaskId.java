package dev.rill.connect.internal.storage;

/** A task of a connector: {@code <connector>-<task>}. */
public record TaskId(String connector, int task) implements Comparable<TaskId> {
    @Override
    public int compareTo(TaskId o) {
        int c = connector.compareTo(o.connector);
        return c != 0 ? c : Integer.compare(task, o.task);
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
