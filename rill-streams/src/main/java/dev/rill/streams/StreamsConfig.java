package dev.rill.streams;

import dev.rill.streams.errors.DefaultProductionExceptionHandler;
import dev.rill.streams.errors.DeserializationExceptionHandler;
import dev.rill.streams.errors.LogAndFailExceptionHandler;
import dev.rill.streams.errors.LogAndFailProcessingExceptionHandler;
import dev.rill.streams.errors.ProcessingExceptionHandler;
import dev.rill.streams.errors.ProductionExceptionHandler;
import dev.rill.streams.processor.FailOnInvalidTimestamp;
import dev.rill.streams.processor.TimestampExtractor;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The configuration of a Rill Streams application, with Kafka Streams' key names. Parsed and validated once, in the
 * constructor, which reports every invalid key at once; immutable afterwards.
 *
 * <pre>{@code
 * Properties p = new Properties();
 * p.put(StreamsConfig.APPLICATION_ID_CONFIG, "payments");
 * p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
 * p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
 * }</pre>
 * Keys that are not Streams keys are passed to the consumer, producer and admin client that know them; the
 * {@code consumer.}, {@code producer.} and {@code admin.} prefixes target one client and win over plain keys.
 */
public final class StreamsConfig {
    /** Required. The consumer group id and the prefix of internal topic names. */
    public static final String APPLICATION_ID_CONFIG = "application.id";
    /** Required. Kafka brokers to bootstrap from. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    /** Client id prefix of the instance's clients; default {@code <application.id>-<random uuid>}. */
    public static final String CLIENT_ID_CONFIG = "client.id";
    /** Stream threads per instance; default 1. */
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    /** How often progress is committed, ms; default 30000 (at-least-once). */
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    /** {@link #AT_LEAST_ONCE} (default); {@link #EXACTLY_ONCE_V2} is not supported yet. */
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    /** Serde class for keys where none is given; default none (an operator that needs it then fails at start). */
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";
    /** Serde class for values where none is given; default none. */
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";
    /** Timestamp extractor class; default {@link FailOnInvalidTimestamp}. */
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";
    /** Default {@link LogAndFailExceptionHandler}. */
    public static final String DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG = "deserialization.exception.handler";
    /** Default {@link DefaultProductionExceptionHandler} (fail). */
    public static final String PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG = "production.exception.handler";
    /** Default {@link LogAndFailProcessingExceptionHandler}. */
    public static final String PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG = "processing.exception.handler";
    /** Topic that receives every record a handler skipped, with {@code __streams.errors.*} headers; default none. */
    public static final String ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG = "errors.dead.letter.queue.topic.name";
    /** Replication factor of internal topics; default -1 (the broker's default). */
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    /** Directory for local state ({@code <state.dir>/<application.id>/<task>/...}); default {@code <java.io.tmpdir>/rill-streams}. */
    public static final String STATE_DIR_CONFIG = "state.dir";
    /** Bytes of write cache per instance, split evenly over stream threads; default 10 MiB; 0 disables merging. */
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    /**
     * Standby copies of each stateful task kept warm on other instances from the changelog; default 0. A standby
     * instance is preferred when the active task moves, so it restores only the records it had not applied yet.
     */
    public static final String NUM_STANDBY_REPLICAS_CONFIG = "num.standby.replicas";
    /**
     * {@code host:port} where this instance answers interactive queries over HTTP ({@code GET /stores/{store}/keys/{key}});
     * default none (no endpoint).
     */
    public static final String APPLICATION_SERVER_CONFIG = "application.server";
    /**
     * Bound on all RocksDB memory of the process (shared block cache; write buffers are charged to it and may use
     * half); default 128 MiB.
     */
    public static final String ROCKSDB_MEMORY_MAX_BYTES_CONFIG = "rocksdb.memory.max.bytes";
    /** Default of {@link #ROCKSDB_MEMORY_MAX_BYTES_CONFIG}. */
    public static final long DEFAULT_ROCKSDB_MEMORY_MAX_BYTES = 128L * 1024 * 1024;
    /** Longest time a stream thread blocks in poll, ms; default 100. */
    public static final String POLL_MS_CONFIG = "poll.ms";
    /** How often committed records are deleted from repartition topics, ms; default 30000. */
    public static final String REPARTITION_PURGE_INTERVAL_MS_CONFIG = "repartition.purge.interval.ms";
    /**
     * Most threads (each with its own consumer) that restore the stores of one stream thread's new tasks at once;
     * default the number of available processors. Tasks with fewer than 50 000 records to restore share a thread;
     * 1 restores everything on the stream thread.
     */
    public static final String RESTORE_THREADS_CONFIG = "restore.threads";

    public static final String CONSUMER_PREFIX = "consumer.";
    public static final String PRODUCER_PREFIX = "producer.";
    public static final String ADMIN_CLIENT_PREFIX = "admin.";
    /** Prefix of topic configs applied to internal topics, e.g. {@code topic.retention.ms}. */
    public static final String TOPIC_PREFIX = "topic.";

    private static final Set<String> STREAMS_KEYS = Set.of(APPLICATION_ID_CONFIG, BOOTSTRAP_SERVERS_CONFIG,
            CLIENT_ID_CONFIG, NUM_STREAM_THREADS_CONFIG, COMMIT_INTERVAL_MS_CONFIG, PROCESSING_GUARANTEE_CONFIG,
            DEFAULT_KEY_SERDE_CLASS_CONFIG, DEFAULT_VALUE_SERDE_CLASS_CONFIG, DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
            DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
            REPLICATION_FACTOR_CONFIG, STATE_DIR_CONFIG, STATESTORE_CACHE_MAX_BYTES_CONFIG,
            NUM_STANDBY_REPLICAS_CONFIG, APPLICATION_SERVER_CONFIG, POLL_MS_CONFIG, ROCKSDB_MEMORY_MAX_BYTES_CONFIG,
            REPARTITION_PURGE_INTERVAL_MS_CONFIG, RESTORE_THREADS_CONFIG);

    private final Map<String, Object> originals;
    private final String applicationId;
    private final String bootstrapServers;
    private final String clientId;
    private final int numStreamThreads;
    private final long commitIntervalMs;
    private final long pollMs;
    private final long repartitionPurgeIntervalMs;
    private final short replicationFactor;
    private final String deadLetterQueueTopic;
    private final String stateDir;
    private final long cacheMaxBytes;
    private final int numStandbyReplicas;
    private final long rocksDbMemoryBytes;
    private final int restoreThreads;
    private final String applicationServer;
    private final Class<?> keySerdeClass;
    private final Class<?> valueSerdeClass;
    private final Class<?> timestampExtractorClass;
    private final Class<?> deserializationHandlerClass;
    private final Class<?> productionHandlerClass;
    private final Class<?> processingHandlerClass;

    /**
     * Parses and validates the configuration.
     *
     * @throws ConfigException listing every invalid or missing key with its value and what is expected
     */
    public StreamsConfig(Map<?, ?> props) {
        Map<String, Object> map = new HashMap<>();
        props.forEach((k, v) -> map.put(String.valueOf(k), v));
        this.originals = Collections.unmodifiableMap(map);
        List<String> errors = new ArrayList<>();
        this.applicationId = requiredString(APPLICATION_ID_CONFIG, errors);
        this.bootstrapServers = requiredString(BOOTSTRAP_SERVERS_CONFIG, errors);
        String cid = stringOrNull(CLIENT_ID_CONFIG);
        this.clientId = cid != null ? cid : (applicationId == null ? "rill" : applicationId) + "-" + java.util.UUID.randomUUID();
        this.numStreamThreads = (int) number(NUM_STREAM_THREADS_CONFIG, 1, 1, 1000, errors);
        String guarantee = stringOrNull(PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !AT_LEAST_ONCE.equals(guarantee)) {
            errors.add(PROCESSING_GUARANTEE_CONFIG + "=" + guarantee + ": expected '" + AT_LEAST_ONCE + "'"
                    + (EXACTLY_ONCE_V2.equals(guarantee) ? " (exactly-once is not supported by this version yet)" : ""));
        }
        this.commitIntervalMs = number(COMMIT_INTERVAL_MS_CONFIG, 30_000, 0, Long.MAX_VALUE, errors);
        this.pollMs = number(POLL_MS_CONFIG, 100, 0, Long.MAX_VALUE, errors);
        this.repartitionPurgeIntervalMs = number(REPARTITION_PURGE_INTERVAL_MS_CONFIG, 30_000, 0, Long.MAX_VALUE,
                errors);
        this.replicationFactor = (short) number(REPLICATION_FACTOR_CONFIG, -1, -1, Short.MAX_VALUE, errors);
        this.numStandbyReplicas = (int) number(NUM_STANDBY_REPLICAS_CONFIG, 0, 0, 100, errors);
        this.cacheMaxBytes = number(STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024, 0, Long.MAX_VALUE, errors);
        this.rocksDbMemoryBytes = number(ROCKSDB_MEMORY_MAX_BYTES_CONFIG, DEFAULT_ROCKSDB_MEMORY_MAX_BYTES,
                8L * 1024 * 1024, Long.MAX_VALUE, errors);
        this.restoreThreads = (int) number(RESTORE_THREADS_CONFIG, Runtime.getRuntime().availableProcessors(), 1, 64,
                errors);
        this.applicationServer = stringOrNull(APPLICATION_SERVER_CONFIG);
        if (applicationServer != null && !applicationServer.matches("[^:\\s]+:\\d{1,5}")) {
            errors.add(APPLICATION_SERVER_CONFIG + "=" + applicationServer + ": expected host:port, e.g. localhost:7070");
        }
        this.deadLetterQueueTopic = stringOrNull(ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        String dir = stringOrNull(STATE_DIR_CONFIG);
        this.stateDir = dir != null ? dir : System.getProperty("java.io.tmpdir") + File.separator + "rill-streams";
        this.keySerdeClass = clazz(DEFAULT_KEY_SERDE_CLASS_CONFIG, Serde.class, null, errors);
        this.valueSerdeClass = clazz(DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serde.class, null, errors);
        this.timestampExtractorClass = clazz(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, TimestampExtractor.class,
                FailOnInvalidTimestamp.class, errors);
        this.deserializationHandlerClass = clazz(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeserializationExceptionHandler.class, LogAndFailExceptionHandler.class, errors);
        this.productionHandlerClass = clazz(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                ProductionExceptionHandler.class, DefaultProductionExceptionHandler.class, errors);
        this.processingHandlerClass = clazz(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                ProcessingExceptionHandler.class, LogAndFailProcessingExceptionHandler.class, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException("Invalid Rill Streams configuration (" + errors.size() + " problem"
                    + (errors.size() > 1 ? "s" : "") + "):\n  - " + String.join("\n  - ", errors));
        }
    }

    public static String consumerPrefix(String key) {
        return CONSUMER_PREFIX + key;
    }

    public static String producerPrefix(String key) {
        return PRODUCER_PREFIX + key;
    }

    public static String adminClientPrefix(String key) {
        return ADMIN_CLIENT_PREFIX + key;
    }

    public static String topicPrefix(String key) {
        return TOPIC_PREFIX + key;
    }

    public Map<String, Object> originals() {
        return originals;
    }

    public String applicationId() {
        return applicationId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clientId() {
        return clientId;
    }

    public int numStreamThreads() {
        return numStreamThreads;
    }

    public long commitIntervalMs() {
        return commitIntervalMs;
    }

    public long pollMs() {
        return pollMs;
    }

    public long repartitionPurgeIntervalMs() {
        return repartitionPurgeIntervalMs;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public String stateDir() {
        return stateDir;
    }

    public int numStandbyReplicas() {
        return numStandbyReplicas;
    }

    public long cacheMaxBytes() {
        return cacheMaxBytes;
    }

    public long rocksDbMemoryBytes() {
        return rocksDbMemoryBytes;
    }

    public int restoreThreads() {
        return restoreThreads;
    }

    /** {@code host:port} for interactive queries, or null. */
    public String applicationServer() {
        return applicationServer;
    }

    /** The dead-letter topic, or null. */
    public String deadLetterQueueTopic() {
        return deadLetterQueueTopic;
    }

    /** A new configured default key serde, or null if {@code default.key.serde} is not set. */
    public Serde<?> defaultKeySerde() {
        return serde(keySerdeClass, true);
    }

    /** A new configured default value serde, or null if {@code default.value.serde} is not set. */
    public Serde<?> defaultValueSerde() {
        return serde(valueSerdeClass, false);
    }

    public TimestampExtractor defaultTimestampExtractor() {
        return (TimestampExtractor) instantiate(timestampExtractorClass);
    }

    public DeserializationExceptionHandler deserializationExceptionHandler() {
        DeserializationExceptionHandler h = (DeserializationExceptionHandler) instantiate(deserializationHandlerClass);
        h.configure(originals);
        return h;
    }

    public ProductionExceptionHandler productionExceptionHandler() {
        ProductionExceptionHandler h = (ProductionExceptionHandler) instantiate(productionHandlerClass);
        h.configure(originals);
        return h;
    }

    public ProcessingExceptionHandler processingExceptionHandler() {
        ProcessingExceptionHandler h = (ProcessingExceptionHandler) instantiate(processingHandlerClass);
        h.configure(originals);
        return h;
    }

    /** Client settings for the consumer: known plain keys, then {@code consumer.}-prefixed keys. */
    public Map<String, Object> consumerConfigs() {
        return clientConfigs(ConsumerConfig.configNames(), CONSUMER_PREFIX);
    }

    /** Client settings for the producer: known plain keys, then {@code producer.}-prefixed keys. */
    public Map<String, Object> producerConfigs() {
        return clientConfigs(ProducerConfig.configNames(), PRODUCER_PREFIX);
    }

    /** Client settings for the admin client: known plain keys, then {@code admin.}-prefixed keys. */
    public Map<String, Object> adminConfigs() {
        return clientConfigs(AdminClientConfig.configNames(), ADMIN_CLIENT_PREFIX);
    }

    /** Topic configs for internal topics ({@code topic.}-prefixed keys, prefix removed). */
    public Map<String, String> topicConfigs() {
        Map<String, String> out = new HashMap<>();
        originals.forEach((k, v) -> {
            if (k.startsWith(TOPIC_PREFIX)) {
                out.put(k.substring(TOPIC_PREFIX.length()), String.valueOf(v));
            }
        });
        return out;
    }

    private Map<String, Object> clientConfigs(Set<String> known, String prefix) {
        Map<String, Object> out = new HashMap<>();
        originals.forEach((k, v) -> {
            if (known.contains(k) && !STREAMS_KEYS.contains(k)) {
                out.put(k, v);
            }
        });
        out.put(BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        originals.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private String requiredString(String key, List<String> errors) {
        String v = stringOrNull(key);
        if (v == null || v.isBlank()) {
            errors.add(key + " is missing: expected a non-empty string" + (key.equals(APPLICATION_ID_CONFIG)
                    ? " naming the application (it is the consumer group id)" : " such as localhost:9092"));
            return null;
        }
        return v;
    }

    private String stringOrNull(String key) {
        Object v = originals.get(key);
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return v == null ? null : String.valueOf(v).trim();
    }

    private long number(String key, long def, long min, long max, List<String> errors) {
        Object v = originals.get(key);
        if (v == null) {
            return def;
        }
        long n;
        try {
            n = v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            errors.add(key + "=" + v + ": expected an integer");
            return def;
        }
        if (n < min || n > max) {
            errors.add(key + "=" + v + ": expected a value in [" + min + ", " + max + "]"
                    );
            return def;
        }
        return n;
    }

    private Class<?> clazz(String key, Class<?> type, Class<?> def, List<String> errors) {
        Object v = originals.get(key);
        if (v == null) {
            return def;
        }
        Class<?> c;
        if (v instanceof Class<?> given) {
            c = given;
        } else {
            try {
                c = Class.forName(String.valueOf(v).trim(), true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : StreamsConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                errors.add(key + "=" + v + ": class not found; expected a class implementing " + type.getName()
                        + " on the class path");
                return def;
            }
        }
        if (!type.isAssignableFrom(c)) {
            errors.add(key + "=" + c.getName() + ": expected a class implementing " + type.getName());
            return def;
        }
        try {
            c.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            errors.add(key + "=" + c.getName() + ": the class needs a public no-argument constructor");
            return def;
        }
        return c;
    }

    private Serde<?> serde(Class<?> c, boolean isKey) {
        if (c == null) {
            return null;
        }
        Serde<?> serde = (Serde<?>) instantiate(c);
        serde.configure(originals, isKey);
        return serde;
    }

    private static Object instantiate(Class<?> c) {
        try {
            return c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException("Cannot instantiate " + c.getName() + ": " + e
                    + "; it needs a public no-argument constructor.");
        }
    }
}
