package dev.rill.connect.internal.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the distributed worker's three internal topics when they are missing, with Apache Kafka Connect's
 * defaults (config: 1 partition; offsets: 25; statuses: 5; all compacted), and refuses topics that would lose or
 * reorder data: a config topic with more than one partition (workers would read connector and task records out of
 * order) and any internal topic that is not compacted (old configs and offsets would be deleted by retention).
 */
public final class InternalTopics {
    private static final Logger log = LoggerFactory.getLogger(InternalTopics.class);

    /** One internal topic: its name, the key naming it, its partition count and replication factor (-1: broker default). */
    public record Spec(String name, String nameKey, int partitions, short replicationFactor, boolean singlePartition) {
    }

    private InternalTopics() {
    }

    /** Creates the missing topics and checks every one; throws listing every problem found. */
    public static void ensure(Admin admin, Collection<Spec> specs, long timeoutMs) {
        List<String> problems = new ArrayList<>();
        for (Spec spec : specs) {
            try {
                ensure(admin, spec, timeoutMs, problems);
            } catch (ExecutionException e) {
                problems.add(spec.nameKey() + "=" + spec.name() + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                problems.add(spec.nameKey() + "=" + spec.name() + ": Kafka did not answer within " + timeoutMs + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while checking the internal topics", e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConnectException("The distributed worker's internal topics cannot be used:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static void ensure(Admin admin, Spec spec, long timeoutMs, List<String> problems)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (!admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS).contains(spec.name())) {
            NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()),
                    spec.replicationFactor() < 0 ? Optional.empty() : Optional.of(spec.replicationFactor()))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                log.info("Created internal topic {} ({} partitions, compacted)", spec.name(), spec.partitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        TopicDescription description = null;
        Config config = null;
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        while (config == null) {
            // a topic just created may not be known to every broker yet: ask again until it is
            try {
                description = admin.describeTopics(List.of(spec.name())).allTopicNames()
                        .get(timeoutMs, TimeUnit.MILLISECONDS).get(spec.name());
                config = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS)
                        .get(resource);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100); // back-off between metadata look-ups
            }
        }
        if (spec.singlePartition() && description.partitions().size() != 1) {
            problems.add(spec.nameKey() + "=" + spec.name() + " has " + description.partitions().size()
                    + " partitions; the config topic needs exactly 1 so that every worker reads configs in the "
                    + "order they were written. Delete it and let the worker create it, or name a new topic");
        }
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null ? ""
                : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!List.of(policy.replace(" ", "").split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add(spec.nameKey() + "=" + spec.name() + " has cleanup.policy=" + policy + "; internal "
                    + "topics must be compacted or retention deletes configs, offsets and statuses. Run "
                    + "kafka-configs.sh --alter --entity-type topics --entity-name " + spec.name()
                    + " --add-config cleanup.policy=compact");
        }
    }
}
