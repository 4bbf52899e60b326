package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.processor.TaskId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shared between one stream thread and the assignor instance its consumer created: the topology (to map
 * partitions to tasks), the tasks the thread owned last (for stickiness), and the application-shutdown signal.
 */
public final class AssignmentContext {
    private final TaskFactory factory;
    private volatile Set<TaskId> ownedTasks = Set.of();
    private volatile boolean shutdownRequested;
    private volatile boolean shutdownSignalled;

    public AssignmentContext(TaskFactory factory) {
        this.factory = factory;
    }

    TaskFactory factory() {
        return factory;
    }

    Set<TaskId> ownedTasks() {
        return ownedTasks;
    }

    void setOwnedTasks(Set<TaskId> tasks) {
        ownedTasks = Set.copyOf(new TreeSet<>(tasks));
    }

    /** This member asks the group to shut down every instance (SHUTDOWN_APPLICATION). */
    void requestApplicationShutdown() {
        shutdownRequested = true;
    }

    boolean applicationShutdownRequested() {
        return shutdownRequested;
    }

    void signalApplicationShutdown() {
        shutdownSignalled = true;
    }

    /** Whether the group leader told this member that the application shuts down. */
    boolean applicationShutdownSignalled() {
        return shutdownSignalled;
    }

    List<String> sourceTopics() {
        return List.copyOf(factory.sourceTopics());
    }
}
