package dev.rill.streams;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes the Kafka clients an instance uses: the counterpart of Kafka Streams' {@code KafkaClientSupplier}. Pass one
 * to {@link RillStreams#RillStreams(Topology, java.util.Properties, KafkaClientSupplier)} to wrap, instrument or
 * replace the clients. Each method receives the complete configuration Rill Streams computed for that client
 * (including forced keys such as {@code group.id}, {@code enable.auto.commit} and the partition assignor with its
 * context object, which must be passed on unchanged); keys and values are bytes.
 *
 * <p>{@link DefaultKafkaClientSupplier} makes plain {@code KafkaAdminClient}, {@code KafkaProducer} and
 * {@code KafkaConsumer} instances.
 */
public interface KafkaClientSupplier {
    /** The admin client that creates internal topics and purges repartition topics; one per instance. */
    default Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    /** The producer of one stream thread (sink, changelog and repartition records). */
    Producer<byte[], byte[]> getProducer(Map<String, Object> config);

    /** The group member of one stream thread, reading the source topics. */
    Consumer<byte[], byte[]> getConsumer(Map<String, Object> config);

    /** A consumer without a group that reads changelogs to restore stores and to keep standby tasks updated. */
    Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config);

    /** The consumer without a group that keeps the global stores updated. */
    Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config);
}
