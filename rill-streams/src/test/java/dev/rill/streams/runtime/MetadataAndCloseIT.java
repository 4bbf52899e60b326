package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.streams.CloseOptions;
import dev.rill.streams.KeyQueryMetadata;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.StreamsMetadata;
import dev.rill.streams.TaskMetadata;
import dev.rill.streams.ThreadMetadata;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.state.HostInfo;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an instance tells about the application (every instance's stores and partitions, a key's owner, its own
 * threads and tasks), how it closes (leaving the group or staying in it) and how it cleans up its local state.
 */
class MetadataAndCloseIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    @Test
    void metadataDescribesEveryInstanceAndTheLocalThreads() throws Exception {
        String in = KAFKA.cluster().newTopic("meta-in", 4);
        String app = "meta-" + System.nanoTime();
        produce(in, 10);
        HostInfo hostA = new HostInfo("localhost", freePort());
        HostInfo hostB = new HostInfo("localhost", freePort());
        RillStreams a = start(app, in, hostA);
        RillStreams b = start(app, in, hostB);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == RillStreams.State.RUNNING
                && b.state() == RillStreams.State.RUNNING && a.metadataForAllStreamsClients().size() == 2
                && a.metadataForAllStreamsClients().stream().allMatch(m -> !m.topicPartitions().isEmpty()));

        List<StreamsMetadata> all = new ArrayList<>(a.metadataForAllStreamsClients());
        assertThat(all).extracting(StreamsMetadata::hostInfo).containsExactlyInAnyOrder(hostA, hostB);
        Set<TopicPartition> covered = new HashSet<>();
        for (StreamsMetadata m : all) {
            assertThat(m.stateStoreNames()).containsExactly("counts");
            assertThat(m.host()).isEqualTo("localhost");
            assertThat(m.port()).isEqualTo(m.hostInfo().port());
            covered.addAll(m.topicPartitions());
        }
        assertThat(covered).as("the input partitions are split between the two instances")
                .containsExactlyInAnyOrder(new TopicPartition(in, 0), new TopicPartition(in, 1),
                        new TopicPartition(in, 2), new TopicPartition(in, 3));
        // one standby replica: each instance keeps a standby of every task the other one runs
        await().atMost(Duration.ofSeconds(30)).until(() -> a.metadataForAllStreamsClients().stream()
                .allMatch(m -> m.standbyTopicPartitions().size() == 2));
        all = new ArrayList<>(a.metadataForAllStreamsClients());
        for (StreamsMetadata m : all) {
            StreamsMetadata other = all.stream().filter(o -> !o.hostInfo().equals(m.hostInfo())).findFirst()
                    .orElseThrow();
            assertThat(m.standbyTopicPartitions()).as("standbys of %s", m.hostInfo())
                    .isEqualTo(other.topicPartitions());
            assertThat(m.standbyStateStoreNames()).containsExactly("counts");
        }
        List<StreamsMetadata> seenByA = all;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(b.metadataForAllStreamsClients())
                .as("the other instance has the same view").containsExactlyInAnyOrderElementsOf(seenByA));
        assertThat(a.streamsMetadataForStore("counts")).hasSize(2);
        assertThat(a.streamsMetadataForStore("no-such-store")).isEmpty();

        // a partitioner decides the key's partition: its owner is the instance with that input partition
        KeyQueryMetadata owner = a.queryMetadataForKey("counts", "any-key", (topic, key, value, n) -> 3);
        assertThat(owner.partition()).isEqualTo(3);
        StreamsMetadata ownerMeta = all.stream().filter(m -> m.topicPartitions().contains(new TopicPartition(in, 3)))
                .findFirst().orElseThrow();
        assertThat(owner.activeHost()).isEqualTo(ownerMeta.hostInfo());
        assertThat(owner.standbyHosts()).as("the other instance keeps the standby of partition 3")
                .containsExactly(ownerMeta.hostInfo().equals(hostA) ? hostB : hostA);
        assertThatThrownBy(() -> a.queryMetadataForKey("counts", "k", (topic, key, value, n) -> n))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition 4");

        await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(a) + committedTotal(b) == 40);
        Set<ThreadMetadata> threads = a.metadataForLocalThreads();
        assertThat(threads).hasSize(1);
        ThreadMetadata thread = threads.iterator().next();
        assertThat(thread.threadState()).isEqualTo("RUNNING");
        assertThat(thread.consumerClientId()).isEqualTo(thread.threadName() + "-consumer");
        assertThat(thread.producerClientIds()).containsExactly(thread.threadName() + "-producer");
        assertThat(thread.adminClientId()).endsWith("-admin");
        assertThat(thread.activeTasks()).isNotEmpty();
        for (TaskMetadata task : thread.activeTasks()) {
            assertThat(task.topicPartitions()).hasSize(1);
            TopicPartition tp = task.topicPartitions().iterator().next();
            assertThat(task.endOffsets()).containsEntry(tp, 10L);
            assertThat(task.committedOffsets()).containsEntry(tp, 10L);
            assertThat(task.timeCurrentIdlingStarted()).isEmpty();
        }

        // lags: the active tasks' stores are at their changelogs' ends; the standbys' at their last checkpoint
        await().atMost(Duration.ofSeconds(30)).until(() -> a.allLocalStorePartitionLags().getOrDefault("counts",
                java.util.Map.of()).size() == 4);
        Set<Integer> activePartitions = new HashSet<>();
        thread.activeTasks().forEach(t -> activePartitions.add(t.taskId().partition()));
        a.allLocalStorePartitionLags().get("counts").forEach((partition, lag) -> {
            assertThat(lag.endOffsetPosition()).as("changelog end of partition %d", partition).isPositive();
            assertThat(lag.offsetLag()).isEqualTo(lag.endOffsetPosition() - lag.currentOffsetPosition())
                    .isNotNegative();
            if (activePartitions.contains(partition)) {
                assertThat(lag.offsetLag()).as("active partition %d", partition).isZero();
            }
        });
    }

    @Test
    void closeLeavesTheGroupByDefaultAndStaysInItWhenAsked() throws Exception {
        String in = KAFKA.cluster().newTopic("close-in", 2);
        produce(in, 10);
        String leaving = "close-leave-" + System.nanoTime();
        String staying = "close-stay-" + System.nanoTime();
        RillStreams a = start(leaving, in, null);
        RillStreams b = start(staying, in, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == RillStreams.State.RUNNING
                && b.state() == RillStreams.State.RUNNING && members(leaving) == 1 && members(staying) == 1);

        assertThat(a.close(CloseOptions.timeout(Duration.ofSeconds(30)))).isTrue();
        assertThat(b.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ofSeconds(30)))).isTrue();
        assertThat(a.state()).isEqualTo(RillStreams.State.NOT_RUNNING);
        assertThat(b.state()).isEqualTo(RillStreams.State.NOT_RUNNING);
        assertThat(members(leaving)).as("a closed instance that left the group").isZero();
        assertThat(members(staying)).as("a closed instance that stays a member until its session times out")
                .isEqualTo(1);
        assertThatThrownBy(() -> CloseOptions.timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cleanUpDeletesTheLocalStateOnlyWhenNotRunning() throws Exception {
        String in = KAFKA.cluster().newTopic("cleanup-in", 1);
        produce(in, 5);
        String app = "cleanup-" + System.nanoTime();
        Properties p = props(app, null);
        Path appDir = Path.of(p.getProperty(StreamsConfig.STATE_DIR_CONFIG), app);
        RillStreams s = new RillStreams(topology(in).build(), p);
        started.add(s);
        s.cleanUp(); // nothing there yet: a no-op
        s.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(appDir.resolve("0_0")));
        assertThatThrownBy(s::cleanUp).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before start() or after close()");
        s.close(Duration.ofSeconds(30));
        assertThat(Files.exists(appDir)).isTrue();
        s.cleanUp();
        assertThat(Files.exists(appDir)).isFalse();
    }

    private RillStreams start(String app, String in, HostInfo host) throws Exception {
        RillStreams s = new RillStreams(topology(in).build(), props(app, host));
        started.add(s);
        s.start();
        return s;
    }

    private static StreamsBuilder topology(String in) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(in).groupByKey().count(Materialized.as("counts"));
        return builder;
    }

    private static Properties props(String app, HostInfo host) throws Exception {
        Properties p = RillStreamsIT.props(app, KAFKA.bootstrapServers());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-meta-").toString());
        if (host != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        }
        return p;
    }

    private static long committedTotal(RillStreams s) {
        return s.metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.committedOffsets().values().stream()).mapToLong(Long::longValue).sum();
    }

    private static int members(String group) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }

    private static void produce(String topic, int perPartition) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            int partitions = producer.partitionsFor(topic).size();
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, "k" + partition + "-" + i, "v"));
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
