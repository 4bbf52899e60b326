package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.TaskId;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * The assignor under the cooperative protocol, driven through rebalance rounds the way the classic consumer runs
 * them: each member subscribes with the partitions it owns, and a partition never goes to a new owner in the round
 * in which another member still owns it.
 */
class RillPartitionAssignorTest {
    private static final List<String> TOPICS = List.of("orders", "payments");
    private static final int PARTITIONS = 4;

    /** One group: what every member owns, and what the last round told each. */
    private final class Group {
        final RillPartitionAssignor assignor;
        final Map<String, Set<TopicPartition>> owned = new TreeMap<>();
        final Map<String, String> processOf = new HashMap<>();
        Map<String, AssignmentCodec.Decoded> lastInfo = new TreeMap<>();

        Group(int standbyReplicas) throws Exception {
            assignor = assignor(standbyReplicas);
        }

        void join(String member, String process) {
            owned.put(member, new TreeSet<>(BY_NAME));
            processOf.put(member, process);
        }

        void leave(String member) {
            owned.remove(member);
            processOf.remove(member);
        }

        /** One rebalance; checks the cooperative rule and applies the result like each member's consumer does. */
        Map<String, Set<TaskId>> rebalance() {
            Map<String, Subscription> subs = new TreeMap<>();
            owned.forEach((m, parts) -> subs.put(m, new Subscription(TOPICS, AssignmentCodec.encode(
                    new AssignmentCodec.Decoded(false, false, "", processOf.get(m), Set.of(), Map.of(), Map.of())),
                    new ArrayList<>(parts))));
            Map<String, Assignment> result = assignor.assign(cluster(), new GroupSubscription(subs))
                    .groupAssignment();
            assertThat(result.keySet()).isEqualTo(owned.keySet());
            Map<String, Set<TaskId>> tasks = new TreeMap<>();
            result.forEach((member, a) -> {
                for (TopicPartition added : a.partitions()) {
                    owned.forEach((other, theirs) -> assertThat(other.equals(member) || !theirs.contains(added))
                            .as("%s is given to %s while %s still owns it", added, member, other).isTrue());
                }
                tasks.put(member, wholeTasks(a.partitions()));
            });
            result.forEach((member, a) -> {
                owned.get(member).clear();
                owned.get(member).addAll(a.partitions());
                lastInfo.put(member, AssignmentCodec.decode(a.userData()));
            });
            return tasks;
        }

        /** The first member joins alone and settles, then the second joins: the result of the first round. */
        Map<String, Set<TaskId>> secondMemberJoins(String first, String firstProcess, String second,
                                                    String secondProcess) {
            join(first, firstProcess);
            rebalance();
            join(second, secondProcess);
            return rebalance();
        }

        boolean followUpRequested() {
            return lastInfo.values().stream().anyMatch(AssignmentCodec.Decoded::followUp);
        }

        Map<String, Set<TaskId>> standbys() {
            Map<String, Set<TaskId>> out = new TreeMap<>();
            lastInfo.forEach((m, d) -> out.put(m, d.stateTasks()));
            return out;
        }
    }

    private static final java.util.Comparator<TopicPartition> BY_NAME =
            java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition);

    private static RillPartitionAssignor assignor(int standbyReplicas) throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(TOPICS).groupByKey().count(Materialized.as("counts"));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "assignor-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-assignor-").toString());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        StreamsConfig config = new StreamsConfig(p);
        TaskFactory factory = new TaskFactory(TopologyAccess.builderOf(b.build()), config);
        RillPartitionAssignor assignor = new RillPartitionAssignor();
        assignor.configure(Map.of(RillPartitionAssignor.CONTEXT_CONFIG, new AssignmentContext(factory, "leader")));
        return assignor;
    }

    private static Cluster cluster() {
        Node node = new Node(0, "localhost", 9);
        List<PartitionInfo> infos = new ArrayList<>();
        for (String topic : TOPICS) {
            for (int p = 0; p < PARTITIONS; p++) {
                infos.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
            }
        }
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of());
    }

    /** The tasks of the assigned partitions; fails if a task's partitions are split. */
    private static Set<TaskId> wholeTasks(List<TopicPartition> partitions) {
        Set<TaskId> tasks = new TreeSet<>();
        Set<TopicPartition> given = new HashSet<>(partitions);
        for (TopicPartition tp : partitions) {
            tasks.add(new TaskId(0, tp.partition()));
            for (String topic : TOPICS) {
                assertThat(given).as("all partitions of task 0_%d move together", tp.partition())
                        .contains(new TopicPartition(topic, tp.partition()));
            }
        }
        return tasks;
    }

    private static Set<TaskId> allTasks() {
        Set<TaskId> out = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            out.add(new TaskId(0, p));
        }
        return out;
    }

    @Test
    void supportsTheCooperativeProtocol() throws Exception {
        assertThat(assignor(0).supportedProtocols()).contains(RebalanceProtocol.COOPERATIVE);
    }

    @Test
    void aJoiningMemberGetsItsTasksOnlyInTheFollowUpRebalanceAndKeptTasksAreNeverRevoked() throws Exception {
        Group group = new Group(0);
        group.join("a", "process-a");
        assertThat(group.rebalance().get("a")).isEqualTo(allTasks());
        assertThat(group.followUpRequested()).isFalse();

        group.join("b", "process-b");
        Map<String, Set<TaskId>> first = group.rebalance();
        assertThat(first.get("b")).as("b gets nothing while a still owns the tasks").isEmpty();
        assertThat(first.get("a")).hasSize(2);
        assertThat(group.followUpRequested()).isTrue();

        Map<String, Set<TaskId>> second = group.rebalance();
        assertThat(second.get("a")).as("a's kept tasks stay").isEqualTo(first.get("a"));
        assertThat(second.get("b")).hasSize(2).doesNotContainAnyElementsOf(second.get("a"));
        assertThat(TaskPlacement.union(second.values())).isEqualTo(allTasks());
        assertThat(group.followUpRequested()).isFalse();

        assertThat(group.rebalance()).as("a further rebalance changes nothing").isEqualTo(second);
    }

    @Test
    void aLeavingMembersTasksGoToTheSurvivorsInOneRebalance() throws Exception {
        Group group = new Group(0);
        group.join("a", "process-a");
        group.join("b", "process-b");
        group.join("c", "process-c");
        Map<String, Set<TaskId>> settled = group.rebalance();
        assertThat(group.followUpRequested()).isFalse();
        group.leave("b");
        Map<String, Set<TaskId>> after = group.rebalance();
        assertThat(group.followUpRequested()).isFalse();
        assertThat(after.get("a")).containsAll(settled.get("a"));
        assertThat(after.get("c")).containsAll(settled.get("c"));
        assertThat(after.get("a")).hasSize(2);
        assertThat(after.get("c")).hasSize(2);
    }

    @Test
    void aTaskMovesBetweenThreadsOfOneInstanceInTwoSteps() throws Exception {
        Group group = new Group(0);
        Map<String, Set<TaskId>> first = group.secondMemberJoins("p1-thread-1", "p1", "p1-thread-2", "p1");
        assertThat(first.get("p1-thread-2")).isEmpty();
        Map<String, Set<TaskId>> second = group.rebalance();
        assertThat(second.get("p1-thread-1")).isEqualTo(first.get("p1-thread-1")).hasSize(2);
        assertThat(second.get("p1-thread-2")).hasSize(2);
    }

    @Test
    void standbysStayPutAcrossTheFollowUpRebalanceAndNeverShareAnInstanceWithTheActiveTask() throws Exception {
        Group group = new Group(1);
        Map<String, Set<TaskId>> first = group.secondMemberJoins("a", "process-a", "b", "process-b");
        Map<String, Set<TaskId>> standbysFirst = group.standbys();
        Map<String, Set<TaskId>> second = group.rebalance();
        assertThat(group.standbys()).isEqualTo(standbysFirst);
        assertThat(group.standbys().get("a")).isEqualTo(second.get("b"));
        assertThat(group.standbys().get("b")).isEqualTo(second.get("a"));
        Set<TaskId> revokedFromA = allTasks();
        revokedFromA.removeAll(first.get("a"));
        assertThat(standbysFirst.get("a")).as("a's revoked tasks stay with it as standbys").isEqualTo(revokedFromA);
    }
}
