package dev.rill.connect.internal.storage;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The statuses of this worker's connectors and tasks, in memory (standalone mode). */
public final class MemoryStatusStore implements StatusStore {
    private static final Logger log = LoggerFactory.getLogger(MemoryStatusStore.class);

    private volatile String workerId;
    private final Map<String, Status> connectors = new ConcurrentHashMap<>();
    private final Map<TaskId, Status> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> connectorVersions = new ConcurrentHashMap<>();
    private final Map<TaskId, String> taskVersions = new ConcurrentHashMap<>();

    public MemoryStatusStore(String workerId) {
        this.workerId = workerId;
    }

    @Override
    public String workerId() {
        return workerId;
    }

    /** Sets the worker id once the REST listener's port is known. */
    public void workerId(String id) {
        this.workerId = id;
    }

    /** Records the version of the connector plugin running as {@code connector} (its {@code version()}). */
    @Override
    public void connectorVersion(String connector, String version) {
        if (version != null) {
            connectorVersions.put(connector, version);
        }
    }

    /** Records the version of the task (its {@code version()}). */
    @Override
    public void taskVersion(TaskId id, String version) {
        if (version != null) {
            taskVersions.put(id, version);
        }
    }

    /** A status of {@code connector} in {@code state} on this worker, without a trace. */
    @Override
    public Status connectorStatus(String connector, State state) {
        return new Status(state, workerId, null, connectorVersions.get(connector));
    }

    /** A status of task {@code id} in {@code state} on this worker, without a trace. */
    @Override
    public Status taskStatus(TaskId id, State state) {
        return new Status(state, workerId, null, taskVersionOf(id));
    }

    private String taskVersionOf(TaskId id) {
        String v = taskVersions.get(id);
        return v != null ? v : connectorVersions.get(id.connector());
    }

    @Override
    public void putConnector(String connector, State state, Throwable error) {
        connectors.compute(connector, (k, old) -> next(k, old, state, error, connectorVersions.get(k)));
    }

    @Override
    public void putTask(TaskId id, State state, Throwable error) {
        tasks.compute(id, (k, old) -> next(k.toString(), old, state, error, taskVersionOf(k)));
    }

    private Status next(String what, Status old, State state, Throwable error, String version) {
        if (old != null && !old.state().canTransitionTo(state)) {
            // a late report from a component that was already replaced; keep the newer state
            log.debug("Ignoring {} for {}: {}", state, what, old.state());
            return old;
        }
        if (old == null || old.state() != state) {
            log.info("{} is now {}", what, state);
        }
        return new Status(state, workerId, error == null ? null : trace(error), version);
    }

    /** Forces a state (new component instance), skipping the transition check. */
    @Override
    public void resetTask(TaskId id, State state) {
        tasks.put(id, taskStatus(id, state));
    }

    @Override
    public void resetConnector(String connector, State state) {
        connectors.put(connector, connectorStatus(connector, state));
    }

    @Override
    public Optional<Status> connector(String connector) {
        return Optional.ofNullable(connectors.get(connector));
    }

    @Override
    public Optional<Status> task(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public Map<Integer, Status> tasksOf(String connector) {
        Map<Integer, Status> out = new TreeMap<>();
        tasks.forEach((id, s) -> {
            if (id.connector().equals(connector)) {
                out.put(id.task(), s);
            }
        });
        return out;
    }

    @Override
    public void removeTask(TaskId id) {
        tasks.remove(id);
        taskVersions.remove(id);
    }

    @Override
    public void removeConnector(String connector) {
        connectors.remove(connector);
        connectorVersions.remove(connector);
        tasks.keySet().removeIf(id -> id.connector().equals(connector));
        taskVersions.keySet().removeIf(id -> id.connector().equals(connector));
    }

    public static String trace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
