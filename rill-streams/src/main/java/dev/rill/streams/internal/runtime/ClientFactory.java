package dev.rill.streams.internal.runtime;

import dev.rill.streams.KafkaClientSupplier;
import dev.rill.streams.StreamsConfig;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Creates every Kafka client of an instance through the {@link KafkaClientSupplier}, with the configuration
 * {@link ClientConfigs} computes plus what only the running instance knows: the assignor binding of the main
 * consumers, the transactional ids of the producers, and {@code auto.offset.reset=none} when some source has its own
 * reset policy (the stream thread then resets each partition itself).
 */
final class ClientFactory {
    /** Kafka Streams' default {@code transaction.timeout.ms} under exactly-once (the client's is 60 s). */
    static final int EOS_TRANSACTION_TIMEOUT_MS = ClientConfigs.EOS_TRANSACTION_TIMEOUT_MS;

    private final StreamsConfig config;
    private final KafkaClientSupplier supplier;
    private final String processId;

    /** @param processId this instance's id in the group protocol; part of the transactional ids */
    ClientFactory(StreamsConfig config, KafkaClientSupplier supplier, String processId) {
        this.config = config;
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        this.processId = processId;
    }

    /** The admin client's {@code client.id}: {@code <client.id>-admin}, as Kafka Streams names it. */
    String adminClientId() {
        return adminConfigs().get(AdminClientConfig.CLIENT_ID_CONFIG).toString();
    }

    Admin admin() {
        return supplier.getAdmin(adminConfigs());
    }

    Map<String, Object> adminConfigs() {
        return ClientConfigs.admin(config, config.clientId() + "-admin");
    }

    /** The group member of stream thread {@code index} (0-based), with the assignor bound to {@code ctx}. */
    Consumer<byte[], byte[]> mainConsumer(String threadName, int index, AssignmentContext ctx) {
        return supplier.getConsumer(mainConsumerConfigs(threadName, index, ctx));
    }

    Map<String, Object> mainConsumerConfigs(String threadName, int index, AssignmentContext ctx) {
        Map<String, Object> props = ClientConfigs.mainConsumer(config, config.applicationId(), threadName + "-consumer",
                index + 1);
        props.put(RillPartitionAssignor.CONTEXT_CONFIG, ctx);
        if (ctx != null && ctx.factory().hasSourceResetPolicies()) {
            // like Kafka Streams: with per-source policies the consumer never resets on its own
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        }
        return props;
    }

    /** The producer of stream thread {@code index} (0-based). */
    Producer<byte[], byte[]> producer(String threadName, int index) {
        return supplier.getProducer(producerConfigs(threadName, index));
    }

    /**
     * Under exactly-once the producer is transactional, with {@code transactional.id} =
     * {@code <application.id>-<processId>-<thread index, from 1>} (as Kafka Streams forms it): a thread that
     * replaces a failed one gets the same id and fences the old producer.
     */
    Map<String, Object> producerConfigs(String threadName, int index) {
        Map<String, Object> props = ClientConfigs.producer(config, threadName + "-producer");
        if (config.exactlyOnce()) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(index));
        }
        return props;
    }

    String transactionalId(int index) {
        return config.applicationId() + "-" + processId + "-" + (index + 1);
    }

    /** A changelog reader (restores, standbys) with the given client id. */
    Consumer<byte[], byte[]> restoreConsumer(String clientId) {
        return supplier.getRestoreConsumer(restoreConsumerConfigs(clientId));
    }

    Map<String, Object> restoreConsumerConfigs(String clientId) {
        return ClientConfigs.restoreConsumer(config, clientId);
    }

    /** The reader of the global stores' topics. */
    Consumer<byte[], byte[]> globalConsumer() {
        return supplier.getGlobalConsumer(globalConsumerConfigs());
    }

    Map<String, Object> globalConsumerConfigs() {
        return ClientConfigs.globalConsumer(config, config.clientId() + "-GlobalStreamThread-consumer");
    }
}
