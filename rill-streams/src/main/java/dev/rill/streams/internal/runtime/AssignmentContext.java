package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.processor.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shared between one stream thread and the assignor instance its consumer created: the topology (to map
 * partitions to tasks), what the last assignment said besides partitions (standby tasks, every host's tasks,
 * whether a follow-up rebalance is pending), and the application-shutdown signal.
 */
public final class AssignmentContext {
    private final TaskFactory factory;
    private volatile boolean shutdownRequested;
    /** Replaced as a whole, so a reader never sees the active tasks of one assignment with another's standbys. */
    private volatile Hosts hosts = new Hosts(Map.of(), Map.of());
    private volatile Set<TaskId> standbyTasks = Set.of();
    private final String processId;
    private volatile boolean shutdownSignalled;
    private volatile boolean followUpPending;
    private volatile boolean joining;

    public AssignmentContext(TaskFactory factory, String processId) {
        this.factory = factory;
        this.processId = processId;
    }

    TaskFactory factory() {
        return factory;
    }

    /** {@code application.server} of this instance, or empty. */
    String applicationServer() {
        String s = factory.config().applicationServer();
        return s == null ? "" : s;
    }

    /** Tasks with a checkpoint in this instance's state directory (their stores restore quickly here). */
    Set<TaskId> tasksWithLocalState() {
        java.io.File appDir = new java.io.File(factory.config().stateDir(), factory.applicationId());
        java.io.File[] dirs = appDir.listFiles();
        Set<TaskId> out = new TreeSet<>();
        if (dirs == null) {
            return out;
        }
        for (java.io.File d : dirs) {
            String[] p = d.getName().split("_");
            if (p.length == 2 && new java.io.File(d, ".checkpoint").exists()) {
                try {
                    out.add(new TaskId(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
                } catch (NumberFormatException ignored) {
                    // not a task directory
                }
            }
        }
        return out;
    }

    String processId() {
        return processId;
    }

    void setStandbyTasks(Set<TaskId> tasks) {
        standbyTasks = Set.copyOf(new TreeSet<>(tasks));
    }

    /** The standby tasks of the last assignment. */
    Set<TaskId> standbyTasks() {
        return standbyTasks;
    }

    /** From sending a join request until its assignment arrives (the group generation may change meanwhile). */
    void setJoining(boolean joining) {
        this.joining = joining;
    }

    /**
     * Whether this member is joining the group: its generation may already be stale, so an exactly-once thread does
     * not commit periodically meanwhile (the broker would refuse the transaction's offsets).
     */
    boolean joining() {
        return joining;
    }

    void setFollowUpPending(boolean pending) {
        followUpPending = pending;
    }

    /** Whether the last assignment only revoked moving tasks and the follow-up rebalance will assign them. */
    boolean followUpPending() {
        return followUpPending;
    }

    /** Every host's active and standby tasks, both from one assignment. */
    public record Hosts(Map<String, Set<TaskId>> active, Map<String, Set<TaskId>> standby) {
    }

    void setHostTasks(Map<String, Set<TaskId>> hostTasks, Map<String, Set<TaskId>> hostStandbyTasks) {
        this.hosts = new Hosts(Map.copyOf(hostTasks), Map.copyOf(hostStandbyTasks));
    }

    /** Every host's active and standby tasks as of the last assignment. */
    public Hosts hosts() {
        return hosts;
    }

    /** Every host's active tasks as of the last assignment. */
    public Map<String, Set<TaskId>> hostTasks() {
        return hosts.active();
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

    /** The subscription pattern of a topology with pattern sources (named topics and patterns), or null. */
    java.util.regex.Pattern subscriptionPattern() {
        return factory.subscriptionPattern();
    }
}
