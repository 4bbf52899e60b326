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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rill's group assignor (classic protocol, cooperative rebalancing): the leader turns the topology into tasks
 * (sub-topology, partition), places them on members (stream threads) balanced and sticky, and assigns every task's
 * partitions to its member, so co-partitioned partitions always move together. It also carries the
 * application-shutdown signal from one member to all.
 *
 * <p>Cooperative protocol: a member keeps its partitions while the group rebalances, so a task must not be given to
 * a new member in the rebalance in which another member still owns any of its partitions. Such a task is withheld:
 * its owner's assignment no longer contains it (the owner commits and closes it), nobody gets it, and the owner's
 * consumer, having revoked partitions, rejoins at once; in that follow-up rebalance the task is unowned and goes to
 * the member the placement chose (which, being sticky, chooses it again).
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
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        // called when the consumer builds its join request
        context.setJoining(true);
        return AssignmentCodec.encode(new AssignmentCodec.Decoded(context.applicationShutdownRequested(), false,
                context.applicationServer(), context.processId(), context.tasksWithLocalState(), Map.of(), Map.of()));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Map<String, AssignmentCodec.Decoded> decoded = new TreeMap<>();
        boolean shutdown = false;
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            AssignmentCodec.Decoded d = AssignmentCodec.decode(e.getValue().userData());
            shutdown |= d.shutdown();
            decoded.put(e.getKey(), d);
        }
        Map<String, Assignment> out = new LinkedHashMap<>();
        if (shutdown) {
            LOG.warn("A member requested application shutdown; telling all {} members to stop", subscriptions.size());
            subscriptions.keySet().forEach(m -> out.put(m, new Assignment(List.of(), AssignmentCodec.encodeShutdown())));
            return new GroupAssignment(out);
        }
        if (context.factory().matchPatterns(metadata.topics())) {
            LOG.info("Pattern sources now read {}", context.factory().sourceTopics());
        }
        Map<TaskId, List<TopicPartition>> tasks = tasks(metadata);
        Map<String, Set<TaskId>> owned = ownedTasks(subscriptions, tasks);
        Set<TaskId> ownedByAny = TaskPlacement.union(owned.values());
        // a member is preferred for the tasks it owns and, if nobody owns them, those it has local state for
        Map<String, Set<TaskId>> warm = new HashMap<>();
        decoded.forEach((member, d) -> warm.put(member, d.stateTasks().stream()
                .filter(t -> !ownedByAny.contains(t)).collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<TaskId>> placement = TaskPlacement.place(tasks.keySet(), owned, warm);
        Map<String, Set<TaskId>> active = withholdTasksOwnedElsewhere(placement, owned);
        boolean followUp = !active.equals(placement);
        Map<String, Set<TaskId>> hostTasks = byHost(active, decoded);
        // standbys follow the intended placement, so they stay put across the follow-up rebalance
        Map<String, Set<TaskId>> standbys = StandbyPlacement.place(placement, decoded, statefulTasks(tasks.keySet()),
                context.factory().config().numStandbyReplicas());
        Map<String, Set<TaskId>> hostStandbyTasks = byHost(standbys, decoded);
        active.forEach((member, taskIds) -> {
            List<TopicPartition> partitions = new ArrayList<>();
            taskIds.forEach(t -> partitions.addAll(tasks.get(t)));
            out.put(member, new Assignment(partitions, AssignmentCodec.encode(new AssignmentCodec.Decoded(false,
                    followUp, "", "", standbys.getOrDefault(member, Set.of()), hostTasks, hostStandbyTasks))));
        });
        if (!standbys.isEmpty()) {
            LOG.info("Standby tasks: {}", standbys);
        }
        if (followUp) {
            LOG.info("Assigned {} tasks to {} members: {}; moving tasks are revoked first and assigned in the "
                    + "follow-up rebalance, target {}", tasks.size(), active.size(), active, placement);
        } else {
            LOG.info("Assigned {} tasks to {} members: {}", tasks.size(), active.size(), active);
        }
        return new GroupAssignment(out);
    }

    /** Tasks per {@code application.server} (the threads of one instance share it); members without one are left out. */
    private static Map<String, Set<TaskId>> byHost(Map<String, Set<TaskId>> byMember,
                                                   Map<String, AssignmentCodec.Decoded> decoded) {
        Map<String, Set<TaskId>> out = new HashMap<>();
        byMember.forEach((member, taskIds) -> {
            String host = decoded.get(member).host();
            if (!host.isEmpty() && !taskIds.isEmpty()) {
                out.computeIfAbsent(host, h -> new TreeSet<>()).addAll(taskIds);
            }
        });
        return out;
    }

    /** The tasks of which each member owns at least one partition, from the owned partitions its consumer sent. */
    private static Map<String, Set<TaskId>> ownedTasks(Map<String, Subscription> subscriptions,
                                                       Map<TaskId, List<TopicPartition>> tasks) {
        Map<TopicPartition, TaskId> taskOfPartition = new HashMap<>();
        tasks.forEach((task, partitions) -> partitions.forEach(tp -> taskOfPartition.put(tp, task)));
        Map<String, Set<TaskId>> owned = new TreeMap<>();
        subscriptions.forEach((member, s) -> {
            Set<TaskId> ts = new TreeSet<>();
            for (TopicPartition tp : s.ownedPartitions()) {
                TaskId t = taskOfPartition.get(tp);
                if (t != null) {
                    ts.add(t);
                }
            }
            owned.put(member, ts);
        });
        return owned;
    }

    /**
     * The placement minus every task that another member still owns a partition of: those are only revoked in this
     * rebalance (the consumer rejects an assignment that moves a partition from one owner to another in one step).
     */
    static Map<String, Set<TaskId>> withholdTasksOwnedElsewhere(Map<String, Set<TaskId>> placement,
                                                              Map<String, Set<TaskId>> owned) {
        Map<String, Set<TaskId>> active = new LinkedHashMap<>();
        placement.forEach((member, taskIds) -> {
            Set<TaskId> now = new TreeSet<>();
            for (TaskId t : taskIds) {
                boolean elsewhere = owned.entrySet().stream()
                        .anyMatch(o -> !o.getKey().equals(member) && o.getValue().contains(t));
                if (!elsewhere) {
                    now.add(t);
                }
            }
            active.put(member, now);
        });
        return active;
    }

    private Set<TaskId> statefulTasks(Set<TaskId> all) {
        Set<TaskId> out = new TreeSet<>();
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
        context.setHostTasks(d.hostTasks(), d.hostStandbyTasks());
        context.setStandbyTasks(d.stateTasks());
        context.setFollowUpPending(d.followUp());
        context.setJoining(false);
    }
}
