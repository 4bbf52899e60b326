package dev.rill.streams;

import dev.rill.streams.errors.DefaultProductionExceptionHandler;
import dev.rill.streams.errors.DeserializationExceptionHandler;
import dev.rill.streams.errors.LogAndFailExceptionHandler;
import dev.rill.streams.errors.LogAndFailProcessingExceptionHandler;
import dev.rill.streams.errors.ProcessingExceptionHandler;
import dev.rill.streams.errors.ProductionExceptionHandler;
import dev.rill.streams.internal.config.StreamsKeyPolicy;
import dev.rill.streams.internal.runtime.ClientConfigs;
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
import org.apache.kafka.common.config.ConfigDef;
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
    /** How often progress is committed, ms; default 30000 under at-least-once, 100 under exactly-once. */
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    /**
     * {@link #AT_LEAST_ONCE} (default) or {@link #EXACTLY_ONCE_V2} (transactions; needs 3 brokers with the brokers'
     * default {@code transaction.state.log.replication.factor}); {@code exactly_once_beta} is accepted as a
     * deprecated alias of {@code exactly_once_v2}.
     */
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    private static final String EXACTLY_ONCE_BETA = "exactly_once_beta";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamsConfig.class);
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
    /**
     * Extra time (ms) a window or session store's changelog keeps records beyond the store's retention period
     * (the changelog's {@code retention.ms} is their sum), so that clock drift between brokers and the app does not
     * delete records the store still holds; default 86400000 (1 day), as Kafka Streams.
     */
    /**
     * How long a task with several input partitions waits for data on a partition whose buffer is empty before it
     * processes the others (co-partitioned input alignment). {@code 0} (default): wait only while the consumer knows
     * the partition has unfetched records (or does not know its lag yet); {@code -1}: never wait; {@code n > 0}: also
     * wait up to n ms for a caught-up partition to receive data.
     */
    public static final String MAX_TASK_IDLE_MS_CONFIG = "max.task.idle.ms";
    /** {@value #MAX_TASK_IDLE_MS_CONFIG} value: never wait for empty partitions. */
    public static final long MAX_TASK_IDLE_MS_DISABLED = -1;
    public static final String WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG =
            "windowstore.changelog.additional.retention.ms";

    public static final String CONSUMER_PREFIX = "consumer.";
    public static final String PRODUCER_PREFIX = "producer.";
    public static final String ADMIN_CLIENT_PREFIX = "admin.";
    /** Prefix of settings for the stream threads' group consumers only; wins over {@code consumer.}. */
    public static final String MAIN_CONSUMER_PREFIX = "main.consumer.";
    /** Prefix of settings for the changelog (restore and standby) consumers only; wins over {@code consumer.}. */
    public static final String RESTORE_CONSUMER_PREFIX = "restore.consumer.";
    /** Prefix of settings for the global stores' consumer only; wins over {@code consumer.}. */
    public static final String GLOBAL_CONSUMER_PREFIX = "global.consumer.";
    /**
     * Prefix of client tags ({@code client.tag.zone=eu-1}): at most 5, keys up to 20 and values up to 24 characters.
     * Rill reads and validates them; its standby placement does not use them (yet).
     */
    public static final String CLIENT_TAG_PREFIX = "client.tag.";
    /**
     * The {@link KafkaClientSupplier} class used when none is passed to {@code RillStreams}; default
     * {@link DefaultKafkaClientSupplier}.
     */
    public static final String DEFAULT_CLIENT_SUPPLIER_CONFIG = "default.client.supplier";
    /**
     * Which topology optimizations {@code StreamsBuilder.build(Properties)} applies: {@code none} (default),
     * {@code all}, or a comma-separated list of {@code reuse.ktable.source.topics}, {@code merge.repartition.topics},
     * {@code single.store.self.join}. Rill validates the value and applies none of them (see docs/streams.md).
     */
    public static final String TOPOLOGY_OPTIMIZATION_CONFIG = "topology.optimization";
    public static final String NO_OPTIMIZATION = "none";
    public static final String OPTIMIZE = "all";
    public static final String REUSE_KTABLE_SOURCE_TOPICS = "reuse.ktable.source.topics";
    public static final String MERGE_REPARTITION_TOPICS = "merge.repartition.topics";
    public static final String SINGLE_STORE_SELF_JOIN = "single.store.self.join";
    private static final List<String> OPTIMIZATIONS = List.of(REUSE_KTABLE_SOURCE_TOPICS, MERGE_REPARTITION_TOPICS,
            SINGLE_STORE_SELF_JOIN);
    /** Prefix of topic configs applied to internal topics, e.g. {@code topic.retention.ms}. */
    public static final String TOPIC_PREFIX = "topic.";

    // Kafka Streams 4.3.1's other key names and values, so that code naming them compiles unchanged. What Rill does
    // with each key is documented in docs/streams.md (Configuration keys): passed to the clients, read by serdes,
    // a deprecated alias, accepted without effect (with a warning), or refused unless it has the default value.
    // (internal.config.StreamsKeyPolicy decides.)
    public static final String ACCEPTABLE_RECOVERY_LAG_CONFIG = "acceptable.recovery.lag";
    public static final String ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG = "allow.os.group.write.access";
    public static final String AUTOMATIC_CONFIG_PROVIDERS_PROPERTY = "org.apache.kafka.automatic.config.providers";
    public static final String BUFFERED_RECORDS_PER_PARTITION_CONFIG = "buffered.records.per.partition";
    public static final String BUILT_IN_METRICS_VERSION_CONFIG = "built.in.metrics.version";
    @Deprecated
    public static final String CACHE_MAX_BYTES_BUFFERING_CONFIG = "cache.max.bytes.buffering";
    public static final String CONFIG_PROVIDERS_CONFIG = "config.providers";
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    @Deprecated
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG = "default.deserialization.exception.handler";
    @Deprecated
    public static final String DEFAULT_DSL_STORE = "rocksDB";
    @Deprecated
    public static final String DEFAULT_DSL_STORE_CONFIG = "default.dsl.store";
    public static final String DEFAULT_GROUP_PROTOCOL = "classic";
    @Deprecated
    public static final String DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG = "default.production.exception.handler";
    public static final String DSL_STORE_FORMAT_CONFIG = "dsl.store.format";
    public static final String DSL_STORE_FORMAT_DEFAULT = "DEFAULT";
    public static final String DSL_STORE_FORMAT_HEADERS = "HEADERS";
    public static final String DSL_STORE_SUPPLIERS_CLASS_CONFIG = "dsl.store.suppliers.class";
    public static final String ENABLE_METRICS_PUSH_CONFIG = "enable.metrics.push";
    public static final String ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG = "ensure.explicit.internal.resource.naming";
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    @Deprecated
    public static final String IN_MEMORY = "in_memory";
    public static final String LOG_SUMMARY_INTERVAL_MS_CONFIG = "log.summary.interval.ms";
    public static final String MAX_WARMUP_REPLICAS_CONFIG = "max.warmup.replicas";
    public static final String METADATA_MAX_AGE_CONFIG = "metadata.max.age.ms";
    public static final String METRICS_LATEST = "latest";
    public static final String METRICS_NUM_SAMPLES_CONFIG = "metrics.num.samples";
    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = "metrics.sample.window.ms";
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";
    public static final String PROBING_REBALANCE_INTERVAL_MS_CONFIG = "probing.rebalance.interval.ms";
    @Deprecated
    public static final String PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG = "processing.exception.handler.global.enabled";
    public static final String PROCESSOR_WRAPPER_CLASS_CONFIG = "processor.wrapper.class";
    public static final String RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_CONFIG = "rack.aware.assignment.non_overlap_cost";
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_BALANCE_SUBTOPOLOGY = "balance_subtopology";
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG = "rack.aware.assignment.strategy";
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_MIN_TRAFFIC = "min_traffic";
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_NONE = "none";
    public static final String RACK_AWARE_ASSIGNMENT_TAGS_CONFIG = "rack.aware.assignment.tags";
    public static final String RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_CONFIG = "rack.aware.assignment.traffic_cost";
    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String ROCKSDB_CONFIG_SETTER_CLASS_CONFIG = "rocksdb.config.setter";
    @Deprecated
    public static final String ROCKS_DB = "rocksDB";
    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    public static final String STATE_CLEANUP_DELAY_MS_CONFIG = "state.cleanup.delay.ms";
    public static final String STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG = "state.cleanup.dir.max.age.ms";
    public static final String TASK_ASSIGNOR_CLASS_CONFIG = "task.assignor.class";
    public static final String TASK_TIMEOUT_MS_CONFIG = "task.timeout.ms";
    public static final String UPGRADE_FROM_24 = "2.4";
    public static final String UPGRADE_FROM_25 = "2.5";
    public static final String UPGRADE_FROM_26 = "2.6";
    public static final String UPGRADE_FROM_27 = "2.7";
    public static final String UPGRADE_FROM_28 = "2.8";
    public static final String UPGRADE_FROM_30 = "3.0";
    public static final String UPGRADE_FROM_31 = "3.1";
    public static final String UPGRADE_FROM_32 = "3.2";
    public static final String UPGRADE_FROM_33 = "3.3";
    public static final String UPGRADE_FROM_34 = "3.4";
    public static final String UPGRADE_FROM_35 = "3.5";
    public static final String UPGRADE_FROM_36 = "3.6";
    public static final String UPGRADE_FROM_37 = "3.7";
    public static final String UPGRADE_FROM_38 = "3.8";
    public static final String UPGRADE_FROM_39 = "3.9";
    public static final String UPGRADE_FROM_40 = "4.0";
    public static final String UPGRADE_FROM_41 = "4.1";
    public static final String UPGRADE_FROM_42 = "4.2";
    public static final String UPGRADE_FROM_CONFIG = "upgrade.from";
    @Deprecated
    public static final String WINDOWED_INNER_CLASS_SERDE = "windowed.inner.class.serde";
    @Deprecated
    public static final String WINDOW_SIZE_MS_CONFIG = "window.size.ms";

    private static final Set<String> STREAMS_KEYS = Set.of(APPLICATION_ID_CONFIG, BOOTSTRAP_SERVERS_CONFIG,
            CLIENT_ID_CONFIG, NUM_STREAM_THREADS_CONFIG, COMMIT_INTERVAL_MS_CONFIG, PROCESSING_GUARANTEE_CONFIG,
            DEFAULT_KEY_SERDE_CLASS_CONFIG, DEFAULT_VALUE_SERDE_CLASS_CONFIG, DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
            DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
            REPLICATION_FACTOR_CONFIG, STATE_DIR_CONFIG, STATESTORE_CACHE_MAX_BYTES_CONFIG,
            NUM_STANDBY_REPLICAS_CONFIG, APPLICATION_SERVER_CONFIG, POLL_MS_CONFIG, ROCKSDB_MEMORY_MAX_BYTES_CONFIG,
            REPARTITION_PURGE_INTERVAL_MS_CONFIG, RESTORE_THREADS_CONFIG, DEFAULT_CLIENT_SUPPLIER_CONFIG,
            TOPOLOGY_OPTIMIZATION_CONFIG, WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
            MAX_TASK_IDLE_MS_CONFIG);

    private final Map<String, Object> originals;
    private final String applicationId;
    private final String bootstrapServers;
    private final String clientId;
    private final int numStreamThreads;
    private final long commitIntervalMs;
    private final String processingGuarantee;
    private final long pollMs;
    private final long maxTaskIdleMs;
    private final int bufferedRecordsPerPartition;
    private final long repartitionPurgeIntervalMs;
    private final short replicationFactor;
    private final String deadLetterQueueTopic;
    private final String stateDir;
    private final long cacheMaxBytes;
    private final int numStandbyReplicas;
    private final long rocksDbMemoryBytes;
    private final int restoreThreads;
    private final long windowStoreChangelogAdditionalRetentionMs;
    private final String applicationServer;
    private final Class<?> keySerdeClass;
    private final Class<?> valueSerdeClass;
    private final Class<?> timestampExtractorClass;
    private final Class<?> deserializationHandlerClass;
    private final Class<?> productionHandlerClass;
    private final Class<?> processingHandlerClass;
    private final Class<?> clientSupplierClass;
    private final Map<String, String> clientTags;
    private final Set<String> optimizations;

    /**
     * Parses and validates the configuration.
     *
     * @throws ConfigException listing every invalid or missing key with its value and what is expected
     */
    public StreamsConfig(Map<?, ?> props) {
        Map<String, Object> map = new HashMap<>();
        props.forEach((k, v) -> map.put(String.valueOf(k), v));
        for (StreamsKeyPolicy.Alias alias : StreamsKeyPolicy.ALIASES) {
            if (map.containsKey(alias.deprecatedKey())) {
                LOG.warn("{} is deprecated; Rill reads it as {}{}", alias.deprecatedKey(), alias.key(),
                        map.containsKey(alias.key()) ? ", which is set too and wins" : "");
                map.putIfAbsent(alias.key(), map.get(alias.deprecatedKey()));
            }
        }
        this.originals = Collections.unmodifiableMap(map);
        List<String> errors = new ArrayList<>();
        List<String> noEffect = new ArrayList<>();
        StreamsKeyPolicy.check(originals, errors, noEffect);
        noEffect.forEach(line -> LOG.warn("{}", line));
        this.applicationId = requiredString(APPLICATION_ID_CONFIG, errors);
        this.bootstrapServers = requiredString(BOOTSTRAP_SERVERS_CONFIG, errors);
        String cid = stringOrNull(CLIENT_ID_CONFIG);
        this.clientId = cid != null ? cid : (applicationId == null ? "rill" : applicationId) + "-" + java.util.UUID.randomUUID();
        this.numStreamThreads = (int) number(NUM_STREAM_THREADS_CONFIG, 1, 1, 1000, errors);
        this.processingGuarantee = guarantee(errors);
        this.commitIntervalMs = number(COMMIT_INTERVAL_MS_CONFIG,
                EXACTLY_ONCE_V2.equals(processingGuarantee) ? 100 : 30_000, 0, Long.MAX_VALUE, errors);
        this.pollMs = number(POLL_MS_CONFIG, 100, 0, Long.MAX_VALUE, errors);
        this.maxTaskIdleMs = number(MAX_TASK_IDLE_MS_CONFIG, 0, MAX_TASK_IDLE_MS_DISABLED, Long.MAX_VALUE, errors);
        this.bufferedRecordsPerPartition = (int) number(BUFFERED_RECORDS_PER_PARTITION_CONFIG, 1000, 1,
                Integer.MAX_VALUE, errors);
        this.repartitionPurgeIntervalMs = number(REPARTITION_PURGE_INTERVAL_MS_CONFIG, 30_000, 0, Long.MAX_VALUE,
                errors);
        this.replicationFactor = (short) number(REPLICATION_FACTOR_CONFIG, -1, -1, Short.MAX_VALUE, errors);
        this.numStandbyReplicas = (int) number(NUM_STANDBY_REPLICAS_CONFIG, 0, 0, 100, errors);
        this.cacheMaxBytes = number(STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024, 0, Long.MAX_VALUE, errors);
        this.rocksDbMemoryBytes = number(ROCKSDB_MEMORY_MAX_BYTES_CONFIG, DEFAULT_ROCKSDB_MEMORY_MAX_BYTES,
                8L * 1024 * 1024, Long.MAX_VALUE, errors);
        this.restoreThreads = (int) number(RESTORE_THREADS_CONFIG, Runtime.getRuntime().availableProcessors(), 1, 64,
                errors);
        this.windowStoreChangelogAdditionalRetentionMs = number(WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                24L * 60 * 60 * 1000, 0, Long.MAX_VALUE, errors);
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
        this.clientSupplierClass = clazz(DEFAULT_CLIENT_SUPPLIER_CONFIG, KafkaClientSupplier.class,
                DefaultKafkaClientSupplier.class, errors);
        this.clientTags = clientTags(errors);
        Set<String> opt = Set.of();
        try {
            opt = verifyTopologyOptimizationConfigs(stringOrNull(TOPOLOGY_OPTIMIZATION_CONFIG));
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        this.optimizations = opt;
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

    /**
     * The Streams keys Rill reads, with type, default and a line of documentation each (client keys are the Kafka
     * clients' own). Defaults computed at start are documented, not given: {@code client.id},
     * {@code state.dir}, {@code restore.threads}; {@code commit.interval.ms} is 100 under exactly-once.
     */
    public static ConfigDef configDef() {
        ConfigDef.Importance high = ConfigDef.Importance.HIGH;
        ConfigDef.Importance medium = ConfigDef.Importance.MEDIUM;
        ConfigDef.Importance low = ConfigDef.Importance.LOW;
        return new ConfigDef()
                .define(APPLICATION_ID_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, high,
                        "The application's name: consumer group id and prefix of internal topics.")
                .define(BOOTSTRAP_SERVERS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, high,
                        "host:port pairs of Kafka brokers to connect to first.")
                .define(CLIENT_ID_CONFIG, ConfigDef.Type.STRING, "", medium,
                        "Prefix of the clients' ids; default <application.id>-<random UUID>.")
                .define(NUM_STREAM_THREADS_CONFIG, ConfigDef.Type.INT, 1, ConfigDef.Range.between(1, 1000), medium,
                        "Stream threads per instance.")
                .define(COMMIT_INTERVAL_MS_CONFIG, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), low,
                        "How often progress is committed, in ms; 100 under exactly_once_v2 unless set.")
                .define(PROCESSING_GUARANTEE_CONFIG, ConfigDef.Type.STRING, AT_LEAST_ONCE,
                        ConfigDef.ValidString.in(AT_LEAST_ONCE, EXACTLY_ONCE_V2, EXACTLY_ONCE_BETA), medium,
                        "at_least_once or exactly_once_v2 (exactly_once_beta: deprecated alias).")
                .define(DEFAULT_KEY_SERDE_CLASS_CONFIG, ConfigDef.Type.CLASS, null, medium,
                        "Serde class for keys where none is given.")
                .define(DEFAULT_VALUE_SERDE_CLASS_CONFIG, ConfigDef.Type.CLASS, null, medium,
                        "Serde class for values where none is given.")
                .define(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, ConfigDef.Type.CLASS, FailOnInvalidTimestamp.class,
                        medium, "TimestampExtractor class for sources without one.")
                .define(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ConfigDef.Type.CLASS,
                        LogAndFailExceptionHandler.class, medium, "What to do with a record that fails to deserialize.")
                .define(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ConfigDef.Type.CLASS,
                        DefaultProductionExceptionHandler.class, medium, "What to do when a record cannot be sent.")
                .define(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ConfigDef.Type.CLASS,
                        LogAndFailProcessingExceptionHandler.class, medium, "What to do when a processor throws.")
                .define(ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, ConfigDef.Type.STRING, null, medium,
                        "Topic that receives the records the handlers skip; none by default.")
                .define(REPLICATION_FACTOR_CONFIG, ConfigDef.Type.SHORT, (short) -1, low,
                        "Replication factor of internal topics; -1 uses the broker's default.")
                .define(STATE_DIR_CONFIG, ConfigDef.Type.STRING, null, high,
                        "Directory of local state; default <java.io.tmpdir>/rill-streams.")
                .define(STATESTORE_CACHE_MAX_BYTES_CONFIG, ConfigDef.Type.LONG, 10L * 1024 * 1024,
                        ConfigDef.Range.atLeast(0), medium, "Write cache of the instance, split over its stream threads.")
                .define(NUM_STANDBY_REPLICAS_CONFIG, ConfigDef.Type.INT, 0, ConfigDef.Range.between(0, 100), high,
                        "Warm standby copies of each stateful task on other instances.")
                .define(APPLICATION_SERVER_CONFIG, ConfigDef.Type.STRING, null, low,
                        "host:port of this instance for interactive queries; none by default.")
                .define(POLL_MS_CONFIG, ConfigDef.Type.LONG, 100L, ConfigDef.Range.atLeast(0), low,
                        "Longest blocking poll, in ms.")
                .define(BUFFERED_RECORDS_PER_PARTITION_CONFIG, ConfigDef.Type.INT, 1000, ConfigDef.Range.atLeast(1),
                        low, "Records a task buffers per input partition above which the partition stops being "
                                + "fetched until the task has processed it back down to this many.")
                .define(MAX_TASK_IDLE_MS_CONFIG, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(-1), medium,
                        "How long a task waits for data on an empty input partition before processing its others: "
                                + "0 = only while that partition has unfetched records, -1 = never, n = up to n ms.")
                .define(ROCKSDB_MEMORY_MAX_BYTES_CONFIG, ConfigDef.Type.LONG, DEFAULT_ROCKSDB_MEMORY_MAX_BYTES,
                        ConfigDef.Range.atLeast(8L * 1024 * 1024), medium,
                        "Bound on all RocksDB memory of the process (Rill-specific).")
                .define(REPARTITION_PURGE_INTERVAL_MS_CONFIG, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.atLeast(0),
                        low, "How often committed records are deleted from repartition topics, in ms.")
                .define(RESTORE_THREADS_CONFIG, ConfigDef.Type.INT, null, low,
                        "Threads restoring one stream thread's new tasks at once (Rill-specific); default the "
                                + "number of available processors.")
                .define(DEFAULT_CLIENT_SUPPLIER_CONFIG, ConfigDef.Type.CLASS, DefaultKafkaClientSupplier.class, low,
                        "KafkaClientSupplier class used when none is passed to RillStreams.")
                .define(TOPOLOGY_OPTIMIZATION_CONFIG, ConfigDef.Type.STRING, NO_OPTIMIZATION, medium,
                        "Topology optimizations to apply: none, all or a list; Rill validates and applies none.")
                .define(WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, ConfigDef.Type.LONG, 86_400_000L,
                        ConfigDef.Range.atLeast(0), low, "Added to a window or session store's retention to make "
                                + "its changelog's retention.ms.");
    }

    /** Prints the documentation of Rill's Streams keys as an HTML table. */
    public static void main(String[] args) {
        System.out.println(configDef().toHtml());
    }

    /** {@code main.consumer.} + key: a setting for the stream threads' group consumers only. */
    public static String mainConsumerPrefix(String key) {
        return MAIN_CONSUMER_PREFIX + key;
    }

    /** {@code restore.consumer.} + key: a setting for the changelog consumers only. */
    public static String restoreConsumerPrefix(String key) {
        return RESTORE_CONSUMER_PREFIX + key;
    }

    /** {@code global.consumer.} + key: a setting for the global stores' consumer only. */
    public static String globalConsumerPrefix(String key) {
        return GLOBAL_CONSUMER_PREFIX + key;
    }

    /** {@code client.tag.} + key: a client tag. */
    public static String clientTagPrefix(String key) {
        return CLIENT_TAG_PREFIX + key;
    }

    /**
     * The optimizations a {@code topology.optimization} value names: {@code none} (or null) gives none, {@code all}
     * gives every one.
     *
     * @throws ConfigException naming the value and the accepted ones when it names an unknown optimization or mixes
     *                         {@code all}/{@code none} with others
     */
    public static Set<String> verifyTopologyOptimizationConfigs(String config) {
        if (config == null || config.isBlank() || config.trim().equals(NO_OPTIMIZATION)) {
            return Set.of();
        }
        if (config.trim().equals(OPTIMIZE)) {
            return Set.copyOf(OPTIMIZATIONS);
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String part : config.split(",")) {
            String o = part.trim();
            if (!OPTIMIZATIONS.contains(o)) {
                throw new ConfigException(TOPOLOGY_OPTIMIZATION_CONFIG + "=" + config + ": expected '" + NO_OPTIMIZATION
                        + "', '" + OPTIMIZE + "' or a comma-separated list of " + OPTIMIZATIONS);
            }
            out.add(o);
        }
        return Collections.unmodifiableSet(out);
    }

    /** The optimizations {@code topology.optimization} names (empty by default). */
    public Set<String> topologyOptimizations() {
        return optimizations;
    }

    /**
     * The configuration of a stream thread's group consumer as Rill creates it (without the binding to the running
     * instance's assignor, and before {@code auto.offset.reset=none} that per-source reset policies impose).
     *
     * @param threadIdx the thread's index from 1; suffixes a static {@code group.instance.id}
     */
    public Map<String, Object> getMainConsumerConfigs(String groupId, String clientId, int threadIdx) {
        return ClientConfigs.mainConsumer(this, groupId, clientId, threadIdx);
    }

    /** The configuration of a changelog (restore, standby) consumer as Rill creates it. */
    public Map<String, Object> getRestoreConsumerConfigs(String clientId) {
        return ClientConfigs.restoreConsumer(this, clientId);
    }

    /** The configuration of the global stores' consumer as Rill creates it. */
    public Map<String, Object> getGlobalConsumerConfigs(String clientId) {
        return ClientConfigs.globalConsumer(this, clientId);
    }

    /**
     * The configuration of a stream thread's producer as Rill creates it; under exactly-once the running instance
     * adds the {@code transactional.id}.
     */
    public Map<String, Object> getProducerConfigs(String clientId) {
        return ClientConfigs.producer(this, clientId);
    }

    /** The configuration of the admin client as Rill creates it ({@code admin.client.id} wins over clientId). */
    public Map<String, Object> getAdminConfigs(String clientId) {
        return ClientConfigs.admin(this, clientId);
    }

    /** The client tags ({@code client.tag.}-prefixed keys, prefix removed). */
    public Map<String, String> getClientTags() {
        return clientTags;
    }

    /** A new instance of the {@code default.client.supplier} class. */
    public KafkaClientSupplier getKafkaClientSupplier() {
        KafkaClientSupplier supplier = (KafkaClientSupplier) instantiate(clientSupplierClass);
        return supplier;
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

    /** {@link #AT_LEAST_ONCE} or {@link #EXACTLY_ONCE_V2} (also when configured with the deprecated alias). */
    public String processingGuarantee() {
        return processingGuarantee;
    }

    /** Whether the processing guarantee is exactly-once. */
    public boolean exactlyOnce() {
        return EXACTLY_ONCE_V2.equals(processingGuarantee);
    }

    public long commitIntervalMs() {
        return commitIntervalMs;
    }

    public long pollMs() {
        return pollMs;
    }

    /** See {@link #BUFFERED_RECORDS_PER_PARTITION_CONFIG} (default 1000). */
    public int bufferedRecordsPerPartition() {
        return bufferedRecordsPerPartition;
    }

    /** See {@link #MAX_TASK_IDLE_MS_CONFIG}: -1, 0 (default) or a wait in ms. */
    public long maxTaskIdleMs() {
        return maxTaskIdleMs;
    }

    /** See {@link #WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG}. */
    public long windowStoreChangelogAdditionalRetentionMs() {
        return windowStoreChangelogAdditionalRetentionMs;
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

    private Map<String, String> clientTags(List<String> errors) {
        Map<String, String> tags = new java.util.TreeMap<>();
        originals.forEach((k, v) -> {
            if (k.startsWith(CLIENT_TAG_PREFIX)) {
                String key = k.substring(CLIENT_TAG_PREFIX.length());
                String value = String.valueOf(v);
                if (key.length() > 20 || value.length() > 24) {
                    errors.add(k + "=" + value + ": a client tag key has at most 20 characters and its value at most 24");
                }
                tags.put(key, value);
            }
        });
        if (tags.size() > 5) {
            errors.add(CLIENT_TAG_PREFIX + "*: at most 5 client tags, but found " + tags.size() + " " + tags.keySet());
        }
        return Collections.unmodifiableMap(tags);
    }

    /** The guarantee, with the deprecated alias resolved; at-least-once when unset or invalid (then an error). */
    private String guarantee(List<String> errors) {
        String v = stringOrNull(PROCESSING_GUARANTEE_CONFIG);
        if (v == null || AT_LEAST_ONCE.equals(v) || EXACTLY_ONCE_V2.equals(v)) {
            return v == null ? AT_LEAST_ONCE : v;
        }
        if (EXACTLY_ONCE_BETA.equals(v)) {
            LOG.warn("{}={} is deprecated (Kafka Streams 4 removed it); use {}={}, which means the same",
                    PROCESSING_GUARANTEE_CONFIG, v, PROCESSING_GUARANTEE_CONFIG, EXACTLY_ONCE_V2);
            return EXACTLY_ONCE_V2;
        }
        String accepted = "expected one of [" + AT_LEAST_ONCE + ", " + EXACTLY_ONCE_V2 + "] ('" + EXACTLY_ONCE_BETA
                + "' is accepted as a deprecated alias of '" + EXACTLY_ONCE_V2 + "')";
        errors.add(PROCESSING_GUARANTEE_CONFIG + "=" + v + ": " + accepted + ("exactly_once".equals(v)
                ? "; 'exactly_once' (one producer per task) was removed in Kafka Streams 4.0: use '" + EXACTLY_ONCE_V2
                + "'" : ""));
        return AT_LEAST_ONCE;
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
