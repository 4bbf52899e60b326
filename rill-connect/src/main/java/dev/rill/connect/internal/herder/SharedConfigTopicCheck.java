package dev.rill.connect.internal.herder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.DistributedConfig;

/**
 * Refuses to start a worker whose config topic is in use by a running Rill worker group with another
 * {@code group.id}. Two clusters on one config topic would each run every connector and overwrite each other's
 * task configs; Kafka would not object. Rill's worker groups are found by their assignor ({@value
 * WorkerAssignor#PROTOCOL}): one member of each holds its config topic's partition.
 *
 * <p>Limits: the check runs once, before the worker joins, so two clusters started at the same moment can miss each
 * other; Apache workers' groups (protocol type {@code connect}) do not say which config topic they use and are not
 * found.
 */
public final class SharedConfigTopicCheck {
    private static final Logger log = LoggerFactory.getLogger(SharedConfigTopicCheck.class);

    private SharedConfigTopicCheck() {
    }

    /** Throws an {@link IllegalStateException} with advice when another live Rill group uses the config topic. */
    public static void requireUnshared(Admin admin, DistributedConfig config, long timeoutMs) {
        TopicPartition configPartition = new TopicPartition(config.configTopic(), 0);
        try {
            List<String> candidates = admin.listGroups().all().get(timeoutMs, TimeUnit.MILLISECONDS).stream()
                    .filter(g -> "consumer".equals(g.protocol()) && !g.groupId().equals(config.groupId()))
                    .map(GroupListing::groupId).toList();
            if (candidates.isEmpty()) {
                return;
            }
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(candidates).all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            for (ConsumerGroupDescription group : described.values()) {
                if (WorkerAssignor.PROTOCOL.equals(group.partitionAssignor()) && holds(group, configPartition)) {
                    throw new IllegalStateException("The config topic " + config.configTopic() + " is in use by "
                            + "the running worker group '" + group.groupId() + "' (" + group.members().size()
                            + " worker(s)), and this worker has group.id=" + config.groupId() + ". Two clusters on "
                            + "one config topic would both run every connector and overwrite each other's task "
                            + "configs. To join that cluster, set group.id=" + group.groupId() + "; to run a separate "
                            + "cluster, give it its own config.storage.topic, offset.storage.topic and "
                            + "status.storage.topic");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            // not being allowed to list or describe groups must not stop a worker: the check is a safety net
            log.warn("Could not check whether another worker group uses the config topic {}: {}",
                    config.configTopic(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean holds(ConsumerGroupDescription group, TopicPartition partition) {
        for (MemberDescription m : group.members()) {
            if (m.assignment().topicPartitions().contains(partition)) {
                return true;
            }
        }
        return false;
    }
}
