package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.PartitionCounts;
import dev.rill.streams.internal.topology.RepartitionTopicSpec;
import dev.rill.streams.internal.topology.Subtopology;
import dev.rill.streams.internal.topology.TopicRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start: reads the partition counts of the user's source topics, checks co-partitioning, and creates the
 * repartition topics ({@code <application.id>-<name>-repartition}) with the derived partition count, or checks that
 * existing ones have it.
 */
final class InternalTopicManager {
    private static final Logger LOG = LoggerFactory.getLogger(InternalTopicManager.class);
    private static final long TIMEOUT_S = 60;

    private InternalTopicManager() {
    }

    static Map<String, Integer> prepare(Admin admin, InternalTopologyBuilder builder, StreamsConfig config) {
        String appId = config.applicationId();
        Set<String> userTopics = new HashSet<>();
        for (Subtopology s : builder.subtopologies()) {
            s.sourceTopics().stream().filter(t -> !t.internal()).map(TopicRef::name).forEach(userTopics::add);
        }
        Map<String, Integer> existing = describe(admin, userTopics);
        Map<String, Integer> counts = PartitionCounts.resolve(builder, appId, existing::get);
        for (RepartitionTopicSpec spec : builder.repartitionTopics().values()) {
            String name = appId + "-" + spec.name();
            Map<String, String> topicConfigs = new HashMap<>();
            topicConfigs.put("cleanup.policy", "delete");
            topicConfigs.putAll(config.topicConfigs());
            createOrCheck(admin, name, counts.get(name), config, topicConfigs, "repartition");
        }
        for (Subtopology s : builder.subtopologies()) {
            int tasks = s.sourceTopics().stream().mapToInt(t -> counts.getOrDefault(t.resolve(appId), 0)).max().orElse(0);
            for (String store : s.stores()) {
                StoreBuilder<?> b = builder.storeBuilder(store);
                if (b.loggingEnabled()) {
                    Map<String, String> topicConfigs = new HashMap<>(config.topicConfigs());
                    topicConfigs.putAll(b.logConfig());
                    topicConfigs.put("cleanup.policy", "compact");
                    createOrCheck(admin, appId + "-" + store + "-changelog", tasks, config, topicConfigs, "changelog");
                }
            }
        }
        return counts;
    }

    private static Map<String, Integer> describe(Admin admin, Set<String> topics) {
        Map<String, Integer> out = new HashMap<>();
        for (String topic : topics) {
            try {
                TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
                        .get(topic);
                out.put(topic, d.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new StreamsException("Cannot describe source topic " + topic + ": " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while describing topic " + topic, e);
            } catch (TimeoutException e) {
                throw new StreamsException("Describing topic " + topic + " timed out after " + TIMEOUT_S
                        + " s; check bootstrap.servers and that the cluster is up.", e);
            }
        }
        return out;
    }

    private static void createOrCheck(Admin admin, String name, int partitions, StreamsConfig config,
                                      Map<String, String> topicConfigs, String kind) {
        short rf = config.replicationFactor();
        NewTopic topic = new NewTopic(name, Optional.of(partitions), rf < 0 ? Optional.empty() : Optional.of(rf));
        topic.configs(topicConfigs);
        try {
            admin.createTopics(Set.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            LOG.info("Created {} topic {} with {} partitions", kind, name, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StreamsException("Cannot create " + kind + " topic " + name + ": " + e.getCause(), e.getCause());
            }
            Integer actual = describe(admin, Set.of(name)).get(name);
            if (actual != null && actual != partitions) {
                throw new TopologyException(kind + " topic " + name + " exists with " + actual + " partitions but "
                        + "the topology needs " + partitions + ". Delete the topic (the application must be stopped) "
                        + "or set the count with Repartitioned.withNumberOfPartitions(" + actual + ").");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new StreamsException("Creating topic " + name + " timed out after " + TIMEOUT_S + " s.", e);
        }
    }
}
