package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration of each kind of Kafka client an instance creates: Rill's defaults, then the user's settings
 * ({@code consumer.}/{@code producer.}/{@code admin.} and the consumer-specific {@code main.consumer.},
 * {@code restore.consumer.}, {@code global.consumer.} prefixes, most specific last), then the keys Rill must force.
 * Both the runtime's {@link ClientFactory} and {@code StreamsConfig.get*Configs} read it, so what the accessors
 * show is what the clients get.
 */
public final class ClientConfigs {
    /** Kafka Streams' default {@code transaction.timeout.ms} under exactly-once (the client's is 60 s). */
    static final int EOS_TRANSACTION_TIMEOUT_MS = 10_000;

    private ClientConfigs() {
    }

    /**
     * A stream thread's group member, without the assignor binding (the runtime adds it).
     *
     * @param threadIdx the thread's index from 1; suffixes a static {@code group.instance.id}
     */
    public static Map<String, Object> mainConsumer(StreamsConfig config, String groupId, String clientId, int threadIdx) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        // one fetch response is one buffer, and every partition's records in it keep all of it reachable until they
        // are consumed: a task that waits for its other input (a join) kept whole 32 MiB responses of 8 partitions
        // alive. 8 MiB per response still gives a single partition its 4 MiB.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(config.consumerConfigs());
        props.putAll(prefixed(config, StreamsConfig.MAIN_CONSUMER_PREFIX));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        Object instanceId = props.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instanceId != null) {
            // static membership: each thread is its own member, so each needs its own stable id
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + threadIdx);
        }
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RillPartitionAssignor.class.getName());
        readCommittedUnderEos(config, props);
        return props;
    }

    /** A changelog reader (restores, standbys); not a group member. */
    public static Map<String, Object> restoreConsumer(StreamsConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        props.putAll(config.consumerConfigs());
        props.putAll(prefixed(config, StreamsConfig.RESTORE_CONSUMER_PREFIX));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a restore position below the log start (compaction, retention) falls back to the earliest offset
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        readCommittedUnderEos(config, props);
        return props;
    }

    /** The reader of the global stores' topics; not a group member. */
    public static Map<String, Object> globalConsumer(StreamsConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.putAll(config.consumerConfigs());
        props.putAll(prefixed(config, StreamsConfig.GLOBAL_CONSUMER_PREFIX));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        readCommittedUnderEos(config, props);
        return props;
    }

    /**
     * A stream thread's producer. Under exactly-once it is transactional; the runtime adds the
     * {@code transactional.id}, which depends on the instance's process id.
     */
    public static Map<String, Object> producer(StreamsConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        if (config.exactlyOnce()) {
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, EOS_TRANSACTION_TIMEOUT_MS);
        }
        props.putAll(config.producerConfigs());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        if (config.exactlyOnce()) {
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
        }
        return props;
    }

    /**
     * The admin client; an {@code admin.client.id} the user set wins over {@code clientId}. Like Kafka Streams, the
     * admin client pushes client metrics unless told otherwise (the Kafka client's own default is not to), so it
     * gets a client instance id for {@code clientInstanceIds()}.
     */
    public static Map<String, Object> admin(StreamsConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>(config.adminConfigs());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.putIfAbsent(AdminClientConfig.ENABLE_METRICS_PUSH_CONFIG, true);
        return props;
    }

    /** The settings under {@code prefix}, prefix removed. */
    private static Map<String, Object> prefixed(StreamsConfig config, String prefix) {
        Map<String, Object> out = new HashMap<>();
        config.originals().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Under exactly-once every consumer reads committed records only. */
    private static void readCommittedUnderEos(StreamsConfig config, Map<String, Object> props) {
        if (config.exactlyOnce()) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
    }
}
