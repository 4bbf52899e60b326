package dev.rill.connect.internal.storage;

import java.util.Map;
import java.util.Optional;

/**
 * Where the state of every connector and task is kept, with the failure trace of failed ones. Standalone keeps
 * it in memory ({@link MemoryStatusStore}); a distributed worker keeps it in the status topic.
 */
public interface StatusStore {

    /**
     * A state, the worker it runs on, when FAILED the stack trace, and the version of the plugin (connector or
     * task) that reports it, null while unknown.
     */
    record Status(State state, String workerId, String trace, String version) {
    }

    /** The id of this worker ({@code host:port}), shown in every status it writes. */
    String workerId();

    /** Records the version of the connector plugin running as {@code connector} (its {@code version()}). */
    void connectorVersion(String connector, String version);

    /** Records the version of the task (its {@code version()}). */
    void taskVersion(TaskId id, String version);

    /** A status of {@code connector} in {@code state} on this worker, without a trace. */
    Status connectorStatus(String connector, State state);

    /** A status of task {@code id} in {@code state} on this worker, without a trace. */
    Status taskStatus(TaskId id, State state);

    /** Moves the connector to {@code state} unless that transition is not allowed (a late report). */
    void putConnector(String connector, State state, Throwable error);

    /** Moves the task to {@code state} unless that transition is not allowed (a late report). */
    void putTask(TaskId id, State state, Throwable error);

    /** Forces a task's state (new component instance), skipping the transition check. */
    void resetTask(TaskId id, State state);

    /** Forces a connector's state (new component instance), skipping the transition check. */
    void resetConnector(String connector, State state);

    Optional<Status> connector(String connector);

    Optional<Status> task(TaskId id);

    /** The known task statuses of a connector by task number. */
    Map<Integer, Status> tasksOf(String connector);

    void removeTask(TaskId id);

    /** Forgets the connector and all its tasks. */
    void removeConnector(String connector);
}
