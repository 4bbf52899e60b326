package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.state.WindowedChangelog;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.PartitionCounts;
import dev.rill.streams.internal.topology.RepartitionTopicSpec;
import dev.rill.streams.internal.topology.Subtopology;
import dev.rill.streams.internal.topology.TopicRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start: reads the partition counts of the user's source topics, checks co-partitioning, and creates the
 * repartition topics ({@code <application.id>-<name>-repartition}) and changelog topics
 * ({@code <application.id>-<store>-changelog}) with the derived partition counts, or checks that existing ones have
 * them. Two admin requests at most (describe all, create the missing), so a restart is not slowed by round trips.
 */
final class InternalTopicManager {
    private static final Logger LOG = LoggerFactory.getLogger(InternalTopicManager.class);
    private static final long TIMEOUT_S = 60;

    private InternalTopicManager() {
    }

    /** An internal topic the topology needs: its name, partition count, configs and kind (for messages). */
    private record Needed(String name, int partitions, Map<String, String> configs, String kind) {
    }

    /**
     * Describes the user's source topics and every internal topic in one request, derives the partition counts,
     * checks the internal topics that exist and creates the missing ones in one more request.
     */
    static Map<String, Integer> prepare(Admin admin, InternalTopologyBuilder builder, StreamsConfig config) {
        String appId = config.applicationId();
        if (builder.hasPatternSources()) {
            builder.matchPatterns(listTopics(admin), appId);
        }
        Set<String> userTopics = new HashSet<>();
        for (Subtopology s : builder.subtopologies()) {
            s.sourceTopics().stream().filter(t -> !t.internal()).map(TopicRef::name).forEach(userTopics::add);
        }
        Set<String> all = new HashSet<>(userTopics);
        for (RepartitionTopicSpec spec : builder.repartitionTopics().values()) {
            all.add(appId + "-" + spec.name());
        }
        for (Subtopology s : builder.subtopologies()) {
            for (String store : s.stores()) {
                if (builder.storeBuilder(store).loggingEnabled()) {
                    all.add(changelog(appId, store));
                }
            }
        }
        Map<String, Integer> existing = describe(admin, all);
        Map<String, Integer> counts = PartitionCounts.resolve(builder, appId,
                topic -> userTopics.contains(topic) ? existing.get(topic) : null);
        List<Needed> needed = new ArrayList<>();
        for (RepartitionTopicSpec spec : builder.repartitionTopics().values()) {
            String name = appId + "-" + spec.name();
            Map<String, String> topicConfigs = new HashMap<>();
            topicConfigs.put("cleanup.policy", "delete");
            topicConfigs.putAll(config.topicConfigs());
            needed.add(new Needed(name, counts.get(name), topicConfigs, "repartition"));
        }
        for (Subtopology s : builder.subtopologies()) {
            int tasks = s.sourceTopics().stream().mapToInt(t -> counts.getOrDefault(t.resolve(appId), 0)).max().orElse(0);
            if (tasks == 0 && s.stores().stream().anyMatch(st -> builder.storeBuilder(st).loggingEnabled())) {
                throw new TopologyException("sub-topology " + s.id() + " reads topics by pattern " + builder
                        .sourcePatterns() + " and none exists yet, so the partition count of its store changelogs "
                        + s.stores() + " is unknown; create a matching topic before starting the application.");
            }
            for (String store : s.stores()) {
                StoreBuilder<?> b = builder.storeBuilder(store);
                if (b.loggingEnabled()) {
                    needed.add(new Needed(changelog(appId, store), tasks, changelogConfigs(b, config), "changelog"));
                }
            }
        }
        List<Needed> missing = new ArrayList<>();
        for (Needed n : needed) {
            if (existing.containsKey(n.name())) {
                check(n, existing.get(n.name()));
            } else {
                missing.add(n);
            }
        }
        create(admin, missing, config.replicationFactor());
        return counts;
    }

    /**
     * The configs of a store's changelog topic. A key-value store's is compacted. A window or session store's is
     * compacted and deleted by time, as Kafka Streams creates it: {@code cleanup.policy=compact,delete} unless the
     * store's log config says otherwise, and {@code retention.ms} = the store's retention plus
     * {@code windowstore.changelog.additional.retention.ms}.
     */
    static Map<String, String> changelogConfigs(StoreBuilder<?> b, StreamsConfig config) {
        Map<String, String> topicConfigs = new HashMap<>(config.topicConfigs());
        if (b instanceof WindowedChangelog windowed) {
            topicConfigs.put("cleanup.policy", "compact,delete");
            topicConfigs.putAll(b.logConfig());
            long retention;
            try {
                retention = Math.addExact(windowed.retentionPeriod(),
                        config.windowStoreChangelogAdditionalRetentionMs());
            } catch (ArithmeticException e) {
                retention = Long.MAX_VALUE;
            }
            topicConfigs.put("retention.ms", Long.toString(retention));
        } else {
            topicConfigs.putAll(b.logConfig());
            topicConfigs.put("cleanup.policy", "compact");
        }
        return topicConfigs;
    }

    private static String changelog(String appId, String store) {
        return appId + "-" + store + "-changelog";
    }

    private static void check(Needed n, int actual) {
        if (actual != n.partitions()) {
            String fix = n.kind().equals("changelog")
                    ? "A changelog needs one partition per task of its store: give the input topics back their "
                    + "earlier partition count, or start over under a new application.id (its state is then rebuilt "
                    + "from the input)."
                    : "Delete the topic (the application must be stopped) or set the count with "
                    + "Repartitioned.withNumberOfPartitions(" + actual + ").";
            throw new TopologyException(n.kind() + " topic " + n.name() + " exists with " + actual + " partitions but "
                    + "the topology needs " + n.partitions() + ". " + fix);
        }
    }

    /** Partition counts of the topics that exist (one request for all of them). */
    /** The names of the cluster's topics (Kafka's internal ones left out), for matching pattern sources. */
    private static Set<String> listTopics(Admin admin) {
        try {
            return admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            throw new StreamsException("Cannot list topics to match the pattern sources: " + ex.getCause(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while listing topics", ex);
        } catch (TimeoutException ex) {
            throw new StreamsException("Listing topics timed out after " + TIMEOUT_S
                    + " s; check bootstrap.servers and that the cluster is up.", ex);
        }
    }

    private static Map<String, Integer> describe(Admin admin, Set<String> topics) {
        Map<String, Integer> out = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
            String topic = e.getKey();
            try {
                out.put(topic, e.getValue().get(TIMEOUT_S, TimeUnit.SECONDS).partitions().size());
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new StreamsException("Cannot describe topic " + topic + ": " + ex.getCause(), ex.getCause());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while describing topic " + topic, ex);
            } catch (TimeoutException ex) {
                throw new StreamsException("Describing topic " + topic + " timed out after " + TIMEOUT_S
                        + " s; check bootstrap.servers and that the cluster is up.", ex);
            }
        }
        return out;
    }

    /** Creates the missing internal topics in one request; one created meanwhile by another instance is checked. */
    private static void create(Admin admin, List<Needed> missing, short rf) {
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (Needed n : missing) {
            NewTopic topic = new NewTopic(n.name(), Optional.of(n.partitions()), rf < 0 ? Optional.empty() : Optional.of(rf));
            topic.configs(n.configs());
            topics.add(topic);
        }
        Map<String, KafkaFuture<Void>> futures = admin.createTopics(topics).values();
        for (Needed n : missing) {
            try {
                futures.get(n.name()).get(TIMEOUT_S, TimeUnit.SECONDS);
                LOG.info("Created {} topic {} with {} partitions", n.kind(), n.name(), n.partitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StreamsException("Cannot create " + n.kind() + " topic " + n.name() + ": " + e.getCause(),
                            e.getCause());
                }
                Integer actual = describe(admin, Set.of(n.name())).get(n.name());
                if (actual != null) {
                    check(n, actual);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while creating topic " + n.name(), e);
            } catch (TimeoutException e) {
                throw new StreamsException("Creating topic " + n.name() + " timed out after " + TIMEOUT_S + " s.", e);
            }
        }
    }
}
