package dev.rill.connect.internal.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current state of every connector and task, with the failure trace of failed ones. Standalone keeps it in
 * memory; a distributed herder would mirror it to the status topic.
 */
public final class StatusStore {
    private static final Logger log = LoggerFactory.getLogger(StatusStore.class);

    /** A state, the worker it runs on and, when FAILED, the stack trace. */
    public record Status(State state, String workerId, String trace) {
    }

    private volatile String workerId;
    private final Map<String, Status> connectors = new ConcurrentHashMap<>();
    private final Map<TaskId, Status> tasks = new ConcurrentHashMap<>();

    public StatusStore(String workerId) {
        this.workerId = workerId;
    }

    public String workerId() {
        return workerId;
    }

    /** Sets the worker id once the REST listener's port is known. */
    public void workerId(String id) {
        this.workerId = id;
    }

    public void putConnector(String connector, State state, Throwable error) {
        connectors.compute(connector, (k, old) -> next(k, old, state, error));
    }

    public void putTask(TaskId id, State state, Throwable error) {
        tasks.compute(id, (k, old) -> next(k.toString(), old, state, error));
    }

    private Status next(String what, Status old, State state, Throwable error) {
        if (old != null && !old.state().canTransitionTo(state)) {
            // a late report from a component that was already replaced; keep the newer state
            log.debug("Ignoring {} for {}: {}", state, what, old.state());
            return old;
        }
        if (old == null || old.state() != state) {
            log.info("{} is now {}", what, state);
        }
        return new Status(state, workerId, error == null ? null : trace(error));
    }

    /** Forces a state (new component instance), skipping the transition check. */
    public void resetTask(TaskId id, State state) {
        tasks.put(id, new Status(state, workerId, null));
    }

    public void resetConnector(String connector, State state) {
        connectors.put(connector, new Status(state, workerId, null));
    }

    public Optional<Status> connector(String connector) {
        return Optional.ofNullable(connectors.get(connector));
    }

    public Optional<Status> task(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public Map<Integer, Status> tasksOf(String connector) {
        Map<Integer, Status> out = new TreeMap<>();
        tasks.forEach((id, s) -> {
            if (id.connector().equals(connector)) {
                out.put(id.task(), s);
            }
        });
        return out;
    }

    public void removeTask(TaskId id) {
        tasks.remove(id);
    }

    public void removeConnector(String connector) {
        connectors.remove(connector);
        tasks.keySet().removeIf(id -> id.connector().equals(connector));
    }

    public static String trace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
