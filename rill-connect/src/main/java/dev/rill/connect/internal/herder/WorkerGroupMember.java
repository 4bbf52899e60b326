package dev.rill.connect.internal.herder;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InconsistentGroupProtocolException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.DistributedConfig;

/**
 * This worker's membership of the worker group, through Kafka's group coordinator: a consumer of the classic
 * group protocol that subscribes to the config topic (so the group has a subscription) with
 * {@link WorkerAssignor} as its only assignor; it never fetches (a member given the topic's partition pauses it). Polling it heartbeats and takes
 * part in rebalances; the herder's thread is the only one that touches it, except {@link #wakeup()}.
 */
final class WorkerGroupMember implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerGroupMember.class);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String groupId;
    private final ForeignGroupMembers foreign = new ForeignGroupMembers();
    private final Object pause = new Object();
    private boolean woken;
    private final String registration = UUID.randomUUID().toString();
    private final String topic;

    WorkerGroupMember(Map<String, Object> clientProps, DistributedConfig config, String clientId,
                      WorkerAssignor.Member member) {
        this.topic = config.configTopic();
        this.groupId = config.groupId();
        WorkerAssignor.register(registration, member);
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, WorkerAssignor.class.getName());
        p.put(WorkerAssignor.MEMBER_KEY, registration);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, config.sessionTimeoutMs());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, config.heartbeatIntervalMs());
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, config.rebalanceTimeoutMs());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (config.groupInstanceId() != null) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId()); // planned restarts keep tasks
        }
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-group");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try {
            this.consumer = new KafkaConsumer<>(p);
        } catch (RuntimeException e) {
            WorkerAssignor.unregister(registration);
            throw e;
        }
    }

    void join() {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                consumer.pause(partitions); // membership only: the config topic is read by the config store
                if (foreign.refusing()) {
                    long ms = foreign.refusedForMs(System.currentTimeMillis());
                    log.info("Joined the worker group '{}' after {} ms of refusals ({} attempts): the members of "
                            + "another kind have left", groupId, ms, foreign.joined());
                }
            }
        });
    }

    /**
     * Heartbeats and takes part in a rebalance if one is under way; returns early when woken. While the coordinator
     * refuses the group because its members are of another kind (Apache's workers), it warns (see
     * {@link ForeignGroupMembers}) and waits out {@code timeout} before the next attempt, instead of retrying at once.
     */
    void poll(Duration timeout) {
        try {
            consumer.poll(timeout);
        } catch (WakeupException woken) {
            // the herder has work to do
        } catch (InconsistentGroupProtocolException e) {
            long now = System.currentTimeMillis();
            if (foreign.refused(now)) {
                log.warn(ForeignGroupMembers.warning(groupId, foreign.refusedForMs(now), foreign.refusals()));
            }
            synchronized (pause) {
                long until = System.nanoTime() + timeout.toNanos();
                try {
                    while (!woken && System.nanoTime() < until) {
                        pause.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                woken = false;
            }
        }
    }

    /** Makes a {@link #poll} under way return (from any thread). */
    void wakeup() {
        synchronized (pause) {
            woken = true;
            pause.notifyAll();
        }
        consumer.wakeup();
    }

    /** Asks for a rebalance at the next poll (the leader, when the tasks to place changed). */
    void requestRebalance() {
        consumer.enforceRebalance("the connectors or their tasks changed");
    }

    /**
     * Leaves the group (a clean shutdown: the others rebalance at once); a static member (with
     * {@code group.instance.id}) stays a member until its session times out, so that its tasks wait for it.
     */
    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } finally {
            WorkerAssignor.unregister(registration);
        }
    }
}
