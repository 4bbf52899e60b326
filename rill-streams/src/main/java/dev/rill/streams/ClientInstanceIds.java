package dev.rill.streams;

import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * The client instance ids (KIP-714 client telemetry) of the Kafka clients a {@link RillStreams} instance runs, as
 * the brokers assigned them; see {@link RillStreams#clientInstanceIds(java.time.Duration)}.
 */
public interface ClientInstanceIds {
    /**
     * The admin client's instance id.
     *
     * @throws IllegalStateException if telemetry is disabled on the admin client ({@code enable.metrics.push=false})
     */
    Uuid adminInstanceId();

    /** The instance id of each consumer, by its {@code client.id}; consumers with telemetry disabled are left out. */
    Map<String, Uuid> consumerInstanceIds();

    /** The instance id of each producer, by its {@code client.id}; producers with telemetry disabled are left out. */
    Map<String, Uuid> producerInstanceIds();
}
