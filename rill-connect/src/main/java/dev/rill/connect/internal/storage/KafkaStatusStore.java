package dev.rill.connect.internal.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statuses of every connector and task of the cluster, in the status topic ({@code status.storage.topic}), in
 * Apache Kafka Connect's records: key {@code status-connector-<name>} or {@code status-task-<name>-<n>}, value
 * {@code {"state", "trace", "worker_id", "generation"}} as JSON (plus the plugin's {@code "version"} when known, which
 * readers that do not know it skip). Each worker writes the statuses of what it runs,
 * with the group generation it runs them in, and reads everyone's; a record of an older generation from another
 * worker does not replace a newer one (a late report of a worker that lost the component).
 */
public final class KafkaStatusStore implements StatusStore {
    private static final Logger log = LoggerFactory.getLogger(KafkaStatusStore.class);
    static final String CONNECTOR_PREFIX = "status-connector-";
    static final String TASK_PREFIX = "status-task-";

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaTopicLog topicLog;
    private final Duration timeout;
    private final IntSupplier generation;
    private volatile String workerId;
    private final Map<String, Stored> connectors = new ConcurrentHashMap<>();
    private final Map<TaskId, Stored> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> connectorVersions = new ConcurrentHashMap<>();
    private final Map<TaskId, String> taskVersions = new ConcurrentHashMap<>();

    private record Stored(Status status, int generation) {
    }

    /**
     * @param generation the worker group's current generation, written with every status
     */
    public KafkaStatusStore(String topic, Map<String, Object> clientProps, String clientId, Duration timeout,
                            String workerId, IntSupplier generation) {
        this.timeout = timeout;
        this.workerId = workerId;
        this.generation = generation;
        this.topicLog = new KafkaTopicLog(topic, clientProps, clientId + "-statuses", this::apply);
    }

    public void start() {
        topicLog.start(timeout);
    }

    /** Reads the topic to its end: afterwards this worker sees every status written before. */
    public void refresh() {
        topicLog.readToEnd(timeout);
    }

    @Override
    public String workerId() {
        return workerId;
    }

    /** Sets the worker id once the REST listener's port is known. */
    public void workerId(String id) {
        this.workerId = id;
    }

    @Override
    public void connectorVersion(String connector, String version) {
        if (version != null) {
            connectorVersions.put(connector, version);
        }
    }

    @Override
    public void taskVersion(TaskId id, String version) {
        if (version != null) {
            taskVersions.put(id, version);
        }
    }

    @Override
    public Status connectorStatus(String connector, State state) {
        return new Status(state, workerId, null, connectorVersions.get(connector));
    }

    @Override
    public Status taskStatus(TaskId id, State state) {
        return new Status(state, workerId, null, taskVersionOf(id));
    }

    private String taskVersionOf(TaskId id) {
        String v = taskVersions.get(id);
        return v != null ? v : connectorVersions.get(id.connector());
    }

    @Override
    public synchronized void putConnector(String connector, State state, Throwable error) {
        Stored old = connectors.get(connector);
        if (isLate(old, state, connector)) {
            return;
        }
        write(CONNECTOR_PREFIX + connector, new Status(state, workerId, error == null ? null
                : MemoryStatusStore.trace(error), connectorVersions.get(connector)), s -> connectors.put(connector, s));
    }

    @Override
    public synchronized void putTask(TaskId id, State state, Throwable error) {
        Stored old = tasks.get(id);
        if (isLate(old, state, id.toString())) {
            return;
        }
        write(taskKey(id), new Status(state, workerId, error == null ? null : MemoryStatusStore.trace(error),
                taskVersionOf(id)), s -> tasks.put(id, s));
    }

    private boolean isLate(Stored old, State state, String what) {
        if (old != null && java.util.Objects.equals(workerId, old.status().workerId())
                && !old.status().state().canTransitionTo(state)) {
            log.debug("Ignoring {} for {}: {}", state, what, old.status().state());
            return true;
        }
        if (old == null || old.status().state() != state) {
            log.info("{} is now {}", what, state);
        }
        return false;
    }

    @Override
    public synchronized void resetTask(TaskId id, State state) {
        write(taskKey(id), taskStatus(id, state), s -> tasks.put(id, s));
    }

    @Override
    public synchronized void resetConnector(String connector, State state) {
        write(CONNECTOR_PREFIX + connector, connectorStatus(connector, state), s -> connectors.put(connector, s));
    }

    private void write(String key, Status status, java.util.function.Consumer<Stored> local) {
        int gen = generation.getAsInt();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("state", status.state().name());
        value.put("trace", status.trace());
        value.put("worker_id", status.workerId());
        value.put("generation", gen);
        if (status.version() != null) {
            value.put("version", status.version()); // the plugin's version, shown by GET …/status on every worker
        }
        local.accept(new Stored(status, gen));
        try {
            topicLog.write(key.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(value), timeout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            log.error("Could not write the status {} of {} to the status topic", status.state(), key, e);
        }
    }

    private void tombstone(String key) {
        try {
            topicLog.write(key.getBytes(StandardCharsets.UTF_8), null, timeout);
        } catch (RuntimeException e) {
            log.error("Could not remove the status {} from the status topic", key, e);
        }
    }

    private static String taskKey(TaskId id) {
        return TASK_PREFIX + id.connector() + "-" + id.task();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (key.startsWith(CONNECTOR_PREFIX)) {
            String connector = key.substring(CONNECTOR_PREFIX.length());
            if (record.value() == null) {
                connectors.remove(connector);
            } else {
                Stored s = parse(record.value(), connectorVersions.get(connector));
                connectors.compute(connector, (k, old) -> newer(old, s));
            }
        } else if (key.startsWith(TASK_PREFIX)) {
            TaskId id = parseTaskId(key.substring(TASK_PREFIX.length()));
            if (id == null) {
                return;
            }
            if (record.value() == null) {
                tasks.remove(id);
            } else {
                Stored s = parse(record.value(), taskVersionOf(id));
                tasks.compute(id, (k, old) -> newer(old, s));
            }
        }
        // other keys (status-topic-… for active topics) are not kept
    }

    /** A record of an older generation written by another worker is a late report: keep the newer one. */
    private static Stored newer(Stored old, Stored incoming) {
        if (old != null && old.generation() > incoming.generation()
                && !java.util.Objects.equals(old.status().workerId(), incoming.status().workerId())) {
            return old;
        }
        return incoming;
    }

    static TaskId parseTaskId(String connectorAndTask) {
        int dash = connectorAndTask.lastIndexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            return new TaskId(connectorAndTask.substring(0, dash),
                    Integer.parseInt(connectorAndTask.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Stored parse(byte[] value, String version) {
        try {
            Map<?, ?> m = json.readValue(value, Map.class);
            State state = State.valueOf(String.valueOf(m.get("state")));
            Object trace = m.get("trace");
            Object worker = m.get("worker_id");
            Object gen = m.get("generation");
            Object written = m.get("version");
            return new Stored(new Status(state, worker == null ? null : worker.toString(),
                    trace == null ? null : trace.toString(), written != null ? written.toString() : version),
                    gen instanceof Number n ? n.intValue() : -1);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Unreadable status record: " + new String(value,
                    StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public Optional<Status> connector(String connector) {
        return Optional.ofNullable(connectors.get(connector)).map(Stored::status);
    }

    @Override
    public Optional<Status> task(TaskId id) {
        return Optional.ofNullable(tasks.get(id)).map(Stored::status);
    }

    @Override
    public Map<Integer, Status> tasksOf(String connector) {
        Map<Integer, Status> out = new TreeMap<>();
        tasks.forEach((id, s) -> {
            if (id.connector().equals(connector)) {
                out.put(id.task(), s.status());
            }
        });
        return out;
    }

    @Override
    public synchronized void removeTask(TaskId id) {
        tasks.remove(id);
        taskVersions.remove(id);
        tombstone(taskKey(id));
    }

    @Override
    public synchronized void removeConnector(String connector) {
        connectors.remove(connector);
        connectorVersions.remove(connector);
        tombstone(CONNECTOR_PREFIX + connector);
        for (TaskId id : new java.util.ArrayList<>(tasks.keySet())) {
            if (id.connector().equals(connector)) {
                removeTask(id);
            }
        }
    }

    public void close() {
        topicLog.close();
    }
}
