package dev.rill.connect.internal.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector configs, target states and task configs in the config topic ({@code config.storage.topic}, one
 * partition so that every worker reads the records in the order they were written), in Apache Kafka Connect's
 * records, JSON without schemas:
 * <ul>
 * <li>{@code connector-<name>} → {@code {"properties": {…}}}, a tombstone deleting the connector;</li>
 * <li>{@code target-state-<name>} → {@code {"state": "STARTED"|"PAUSED", "state.v2": "STARTED"|"PAUSED"|"STOPPED"}}
 * (STOPPED is written as PAUSED in {@code state} for workers older than {@code state.v2});</li>
 * <li>{@code task-<name>-<n>} → {@code {"properties": {…}}}, applied only when the following
 * {@code commit-<name>} → {@code {"tasks": <count>}} arrives, so a half-written set of task configs is never
 * used;</li>
 * <li>{@code session-key} → {@code {"key": <base64>, "algorithm": "HmacSHA256", "creation-timestamp": <ms>}}, the
 * group's {@link SessionKey} (the last one read counts);</li>
 * <li>{@code restart-connector-<name>} and other records of Apache's are read past.</li>
 * </ul>
 * Writes wait until Kafka has them and then read the topic to its end, so the writer sees its own write.
 */
public final class KafkaConfigStore implements ConfigStore {
    private static final Logger log = LoggerFactory.getLogger(KafkaConfigStore.class);
    static final String CONNECTOR_PREFIX = "connector-";
    static final String TASK_PREFIX = "task-";
    static final String COMMIT_PREFIX = "commit-";
    static final String TARGET_STATE_PREFIX = "target-state-";
    static final String SESSION_KEY = "session-key";

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaTopicLog topicLog;
    private final Duration timeout;
    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private final Map<String, TargetState> targets = new HashMap<>();
    private final Map<String, List<Map<String, String>>> taskConfigs = new HashMap<>();
    private final Map<String, Map<Integer, Map<String, String>>> pendingTasks = new HashMap<>();
    private volatile SessionKey sessionKey;
    private volatile long lastOffset = -1;
    private volatile Runnable listener = () -> { };

    public KafkaConfigStore(String topic, Map<String, Object> clientProps, String clientId, Duration timeout) {
        this.timeout = timeout;
        this.topicLog = new KafkaTopicLog(topic, clientProps, clientId + "-configs", this::apply);
    }

    /** Reads the whole topic; afterwards the store holds the cluster's connectors. */
    public void start() {
        topicLog.start(timeout);
    }

    /** Called on the reader's thread after every record that changed the store. */
    public void listener(Runnable listener) {
        this.listener = listener;
    }

    /** Reads the topic to its end: afterwards this worker sees every config written before. */
    public void refresh() {
        topicLog.readToEnd(timeout);
    }

    /** The offset of the last record read, -1 before any. */
    public long offset() {
        return lastOffset;
    }

    // ---- reading -------------------------------------------------------------------------------------------

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        lastOffset = record.offset();
        if (record.key() == null) {
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        Map<?, ?> value = record.value() == null ? null : parse(key, record.value());
        synchronized (this) {
            if (key.startsWith(TARGET_STATE_PREFIX)) {
                applyTargetState(key.substring(TARGET_STATE_PREFIX.length()), value);
            } else if (key.startsWith(CONNECTOR_PREFIX)) {
                applyConnector(key.substring(CONNECTOR_PREFIX.length()), value);
            } else if (key.startsWith(TASK_PREFIX)) {
                applyTask(key.substring(TASK_PREFIX.length()), value);
            } else if (key.startsWith(COMMIT_PREFIX)) {
                applyCommit(key.substring(COMMIT_PREFIX.length()), value);
            } else if (key.equals(SESSION_KEY)) {
                applySessionKey(value);
            } else {
                return; // restart requests, logger levels, task-count records: not kept
            }
        }
        listener.run();
    }

    private Map<?, ?> parse(String key, byte[] value) {
        try {
            Object v = json.readValue(value, Object.class);
            if (v instanceof Map<?, ?> m) {
                return m;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        log.error("Skipping the config record {}: its value is not a JSON object: {}", key,
                new String(value, StandardCharsets.UTF_8));
        return Map.of();
    }

    private void applyConnector(String name, Map<?, ?> value) {
        if (value == null) {
            configs.remove(name);
            targets.remove(name);
            taskConfigs.remove(name);
            pendingTasks.remove(name);
            return;
        }
        Map<String, String> props = properties(value);
        if (props == null) {
            log.error("Skipping the config of connector {}: no \"properties\" object", name);
            return;
        }
        configs.put(name, props);
        targets.putIfAbsent(name, TargetState.STARTED);
    }

    private void applyTargetState(String name, Map<?, ?> value) {
        if (value == null) {
            targets.remove(name);
            return;
        }
        Object state = value.get("state.v2") != null ? value.get("state.v2") : value.get("state");
        try {
            targets.put(name, TargetState.valueOf(String.valueOf(state)));
        } catch (IllegalArgumentException e) {
            log.error("Skipping the target state of connector {}: unknown state {}", name, state);
        }
    }

    private void applySessionKey(Map<?, ?> value) {
        if (value == null) {
            return;
        }
        try {
            byte[] secret = java.util.Base64.getDecoder().decode(String.valueOf(value.get("key")));
            Object algorithm = value.get("algorithm");
            Object created = value.get("creation-timestamp");
            if (algorithm == null || !(created instanceof Number n)) {
                throw new IllegalArgumentException("no algorithm or creation-timestamp");
            }
            sessionKey = new SessionKey(secret, algorithm.toString(), n.longValue());
        } catch (IllegalArgumentException e) {
            log.error("Skipping a session-key record that is not {{\"key\": <base64>, \"algorithm\": …, "
                    + "\"creation-timestamp\": <ms>}}: {}", e.getMessage());
        }
    }

    /** The group's session key as last read from the topic, null before the leader wrote one. */
    public SessionKey sessionKey() {
        return sessionKey;
    }

    private void applyTask(String nameAndTask, Map<?, ?> value) {
        TaskId id = KafkaStatusStore.parseTaskId(nameAndTask);
        if (id == null || value == null) {
            return;
        }
        Map<String, String> props = properties(value);
        if (props != null) {
            pendingTasks.computeIfAbsent(id.connector(), k -> new TreeMap<>()).put(id.task(), props);
        }
    }

    private void applyCommit(String name, Map<?, ?> value) {
        if (value == null) {
            return;
        }
        Object count = value.get("tasks");
        if (!(count instanceof Number n)) {
            log.error("Skipping the task commit of connector {}: no task count in {}", name, value);
            return;
        }
        Map<Integer, Map<String, String>> pending = pendingTasks.getOrDefault(name, Map.of());
        List<Map<String, String>> committed = new ArrayList<>();
        List<Map<String, String>> previous = taskConfigs.getOrDefault(name, List.of());
        for (int i = 0; i < n.intValue(); i++) {
            Map<String, String> c = pending.get(i);
            if (c == null && i < previous.size()) {
                c = previous.get(i);
            }
            if (c == null) {
                log.error("The task commit of connector {} names {} tasks but task {} has no config; its task "
                        + "configs stay as they were", name, n, i);
                return;
            }
            committed.add(c);
        }
        taskConfigs.put(name, committed);
        pendingTasks.remove(name);
    }

    private static Map<String, String> properties(Map<?, ?> value) {
        if (!(value.get("properties") instanceof Map<?, ?> props)) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        props.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }

    @Override
    public synchronized List<String> connectors() {
        return new ArrayList<>(configs.keySet());
    }

    @Override
    public synchronized boolean contains(String connector) {
        return configs.containsKey(connector);
    }

    @Override
    public synchronized Map<String, String> connectorConfig(String connector) {
        Map<String, String> c = configs.get(connector);
        return c == null ? null : new HashMap<>(c);
    }

    @Override
    public synchronized TargetState targetState(String connector) {
        return configs.containsKey(connector) ? targets.getOrDefault(connector, TargetState.STARTED) : null;
    }

    @Override
    public synchronized List<Map<String, String>> taskConfigs(String connector) {
        return List.copyOf(taskConfigs.getOrDefault(connector, List.of()));
    }

    // ---- writing -------------------------------------------------------------------------------------------

    @Override
    public void putConnectorConfig(String connector, Map<String, String> config, TargetState target) {
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        if (target != null) {
            records.add(record(TARGET_STATE_PREFIX + connector, targetStateValue(target)));
        }
        records.add(record(CONNECTOR_PREFIX + connector, Map.of("properties", new TreeMap<>(config))));
        writeAndRead(records);
    }

    @Override
    public void putTargetState(String connector, TargetState target) {
        writeAndRead(List.of(record(TARGET_STATE_PREFIX + connector, targetStateValue(target))));
    }

    private static Map<String, Object> targetStateValue(TargetState target) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("state", target == TargetState.STOPPED ? TargetState.PAUSED.name() : target.name());
        v.put("state.v2", target.name());
        return v;
    }

    @Override
    public void putTaskConfigs(String connector, List<Map<String, String>> configs) {
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            records.add(record(TASK_PREFIX + connector + "-" + i, Map.of("properties", new TreeMap<>(configs.get(i)))));
        }
        records.add(record(COMMIT_PREFIX + connector, Map.of("tasks", configs.size())));
        writeAndRead(records);
    }

    /** Writes a new session key (the leader's job); every worker reads it from the topic. */
    public void putSessionKey(SessionKey key) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", java.util.Base64.getEncoder().encodeToString(key.key()));
        v.put("algorithm", key.algorithm());
        v.put("creation-timestamp", key.creationTimestamp());
        writeAndRead(List.of(record(SESSION_KEY, v)));
    }

    @Override
    public void removeConnector(String connector) {
        writeAndRead(List.of(new AbstractMap.SimpleEntry<>(bytes(CONNECTOR_PREFIX + connector), null),
                new AbstractMap.SimpleEntry<>(bytes(TARGET_STATE_PREFIX + connector), null)));
    }

    private Map.Entry<byte[], byte[]> record(String key, Object value) {
        try {
            return new AbstractMap.SimpleEntry<>(bytes(key), json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void writeAndRead(List<Map.Entry<byte[], byte[]>> records) {
        topicLog.writeAll(records, timeout);
        topicLog.readToEnd(timeout);
    }

    public void close() {
        topicLog.close();
    }
}
