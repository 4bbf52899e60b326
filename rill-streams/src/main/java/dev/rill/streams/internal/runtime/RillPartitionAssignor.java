package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.topology.Subtopology;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rill's group assignor (classic protocol, eager rebalancing): the leader turns the topology into tasks
 * (sub-topology, partition), places them on members (stream threads) balanced and sticky, and assigns every task's
 * partitions to its member, so co-partitioned partitions always move together. It also carries the
 * application-shutdown signal from one member to all.
 */
public final class RillPartitionAssignor implements ConsumerPartitionAssignor, Configurable {
    /** Consumer config key under which a stream thread passes its {@link AssignmentContext}. */
    public static final String CONTEXT_CONFIG = "rill.internal.assignment.context";
    private static final Logger LOG = LoggerFactory.getLogger(RillPartitionAssignor.class);

    private AssignmentContext context;

    @Override
    public void configure(Map<String, ?> configs) {
        Object c = configs.get(CONTEXT_CONFIG);
        if (!(c instanceof AssignmentContext ctx)) {
            throw new ConfigException(CONTEXT_CONFIG, c, "RillPartitionAssignor is set up by RillStreams only");
        }
        this.context = ctx;
    }

    @Override
    public String name() {
        return "rill-streams";
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return AssignmentCodec.encode(new AssignmentCodec.Decoded(context.applicationShutdownRequested(),
                context.applicationServer(), context.processId(), context.ownedTasks(), context.tasksWithLocalState(),
                Map.of()));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Map<String, Set<TaskId>> previous = new HashMap<>();
        Map<String, AssignmentCodec.Decoded> decoded = new HashMap<>();
        boolean shutdown = false;
        Set<TaskId> owned = new java.util.HashSet<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            AssignmentCodec.Decoded d = AssignmentCodec.decode(e.getValue().userData());
            shutdown |= d.shutdown();
            decoded.put(e.getKey(), d);
            owned.addAll(d.tasks());
        }
        // a member is preferred for the tasks it owned and, if nobody owns them, those it has local state for
        decoded.forEach((member, d) -> {
            Set<TaskId> prefer = new java.util.TreeSet<>(d.tasks());
            d.stateTasks().stream().filter(t -> !owned.contains(t)).forEach(prefer::add);
            previous.put(member, prefer);
        });
        Map<String, Assignment> out = new LinkedHashMap<>();
        if (shutdown) {
            LOG.warn("A member requested application shutdown; telling all {} members to stop", subscriptions.size());
            subscriptions.keySet().forEach(m -> out.put(m, new Assignment(List.of(), AssignmentCodec.encode(true, Set.of()))));
            return new GroupAssignment(out);
        }
        Map<TaskId, List<TopicPartition>> tasks = tasks(metadata);
        Map<String, Set<TaskId>> placement = TaskPlacement.place(tasks.keySet(), previous);
        Map<String, Set<TaskId>> hostTasks = new HashMap<>();
        placement.forEach((member, taskIds) -> {
            String host = decoded.get(member).host();
            if (!host.isEmpty()) {
                hostTasks.computeIfAbsent(host, h -> new java.util.TreeSet<>()).addAll(taskIds);
            }
        });
        Map<String, Set<TaskId>> standbys = StandbyPlacement.place(placement, decoded, statefulTasks(tasks.keySet()),
                context.factory().config().numStandbyReplicas());
        placement.forEach((member, taskIds) -> {
            List<TopicPartition> partitions = new ArrayList<>();
            taskIds.forEach(t -> partitions.addAll(tasks.get(t)));
            out.put(member, new Assignment(partitions, AssignmentCodec.encode(new AssignmentCodec.Decoded(false, "",
                    "", Set.of(), standbys.getOrDefault(member, Set.of()), hostTasks))));
        });
        if (!standbys.isEmpty()) {
            LOG.info("Standby tasks: {}", standbys);
        }
        LOG.info("Assigned {} tasks to {} members: {}", tasks.size(), placement.size(), placement);
        return new GroupAssignment(out);
    }

    private Set<TaskId> statefulTasks(Set<TaskId> all) {
        Set<TaskId> out = new java.util.TreeSet<>();
        for (TaskId t : all) {
            Subtopology s = context.factory().subtopologies().get(t.subtopology());
            if (s.stores().stream().anyMatch(st -> context.factory().topology().storeBuilder(st).loggingEnabled())) {
                out.add(t);
            }
        }
        return out;
    }

    private Map<TaskId, List<TopicPartition>> tasks(Cluster metadata) {
        Map<TaskId, List<TopicPartition>> tasks = new LinkedHashMap<>();
        String appId = context.factory().applicationId();
        for (Subtopology s : context.factory().subtopologies()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (TopicRef t : s.sourceTopics()) {
                String topic = t.resolve(appId);
                Integer n = metadata.partitionCountForTopic(topic);
                if (n == null) {
                    LOG.warn("Topic {} of sub-topology {} is not in the metadata yet; its tasks wait for the next "
                            + "rebalance", topic, s.id());
                } else {
                    counts.put(topic, n);
                }
            }
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int p = 0; p < max; p++) {
                List<TopicPartition> parts = new ArrayList<>();
                for (Map.Entry<String, Integer> c : counts.entrySet()) {
                    if (p < c.getValue()) {
                        parts.add(new TopicPartition(c.getKey(), p));
                    }
                }
                tasks.put(new TaskId(s.id(), p), parts);
            }
        }
        return tasks;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        AssignmentCodec.Decoded d = AssignmentCodec.decode(assignment.userData());
        if (d.shutdown()) {
            context.signalApplicationShutdown();
        }
        context.setOwnedTasks(context.factory().tasksFor(assignment.partitions()).keySet());
        context.setHostTasks(d.hostTasks());
        context.setStandbyTasks(d.stateTasks());
    }
}
