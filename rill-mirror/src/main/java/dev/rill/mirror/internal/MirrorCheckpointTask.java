package dev.rill.mirror.internal;

import static dev.rill.mirror.internal.MirrorConnectorConfig.SOURCE_CLUSTER_PREFIX;
import static dev.rill.mirror.internal.MirrorConnectorConfig.TARGET_CLUSTER_PREFIX;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code emit.checkpoints.interval.seconds}, translates the committed offsets of the source cluster's
 * consumer groups (those the group filter accepts and this task owns: {@code floorMod(group.hashCode(), tasks)})
 * on replicated topics with {@link OffsetTranslator}, and writes the changed ones as MirrorMaker 2 checkpoints to
 * {@code <source>.checkpoints.internal} on the target, keyed by the remote topic's partition, so {@code
 * RemoteClusterUtils.translateOffsets} reads them. With {@code sync.group.offsets.enabled}, also commits them to the
 * target cluster's group while it has no active member there, never moving it backwards. Metrics: {@link
 * MirrorCheckpointMetrics}.
 */
public final class MirrorCheckpointTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(MirrorCheckpointTask.class);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object clientsLock = new Object();
    private final OffsetTranslator translator = new OffsetTranslator();
    private final Map<List<Object>, Checkpoint> lastEmitted = new HashMap<>();

    private MirrorConnectorConfig config;
    private ReplicationPolicy policy;
    private TopicSelection selection;
    private RegexFilter groupFilter;
    private Admin sourceAdmin;
    private Admin targetAdmin;
    private KafkaConsumer<byte[], byte[]> syncReader;
    private TopicPartition syncsPartition;
    private String checkpointsTopic;
    private boolean checkpointsTopicReady;
    private boolean syncReaderAssigned;
    private long nextEmit;
    private MirrorCheckpointMetrics metrics;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            config = new MirrorConnectorConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        policy = config.replicationPolicy();
        selection = new TopicSelection(config.topicFilter(), policy, config.targetAlias());
        groupFilter = config.groupFilter();
        sourceAdmin = Admin.create(config.clientConfig(SOURCE_CLUSTER_PREFIX, "admin"));
        targetAdmin = Admin.create(config.clientConfig(TARGET_CLUSTER_PREFIX, "admin"));
        checkpointsTopic = policy.checkpointsTopic(config.sourceAlias());
        syncsPartition = new TopicPartition(policy.offsetSyncsTopic(config.targetAlias()), 0);
        Map<String, Object> readerConfig = config.clientConfig(
                config.offsetSyncsOnSource() ? SOURCE_CLUSTER_PREFIX : TARGET_CLUSTER_PREFIX, "consumer");
        readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        syncReader = new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        metrics = new MirrorCheckpointMetrics(config.sourceAlias(), config.targetAlias());
        nextEmit = System.currentTimeMillis();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long wait = nextEmit - System.currentTimeMillis();
        if (wait > 0) {
            stopped.await(Math.min(wait, 1000), TimeUnit.MILLISECONDS);
            return null;
        }
        synchronized (clientsLock) {
            if (stopped.getCount() == 0) {
                return null;
            }
            nextEmit = System.currentTimeMillis()
                    + config.seconds(MirrorConnectorConfig.EMIT_CHECKPOINTS_INTERVAL) * 1000;
            return emit();
        }
    }

    private List<SourceRecord> emit() {
        try {
            if (!checkpointsTopicReady) {
                RemoteTopics.ensureInternalTopic(targetAdmin, checkpointsTopic,
                        config.replicationFactor(MirrorConnectorConfig.CHECKPOINTS_REPLICATION_FACTOR));
                checkpointsTopicReady = true;
            }
            readOffsetSyncs();
            return checkpoints();
        } catch (KafkaException e) {
            log.warn("Mirror {}->{}: could not emit checkpoints ({}); retrying in {} s", config.sourceAlias(),
                    config.targetAlias(), e.getMessage(), config.seconds(MirrorConnectorConfig.EMIT_CHECKPOINTS_INTERVAL));
            return null;
        }
    }

    /** Reads the offset syncs written since the last call, up to the end of the topic as it is now. */
    private void readOffsetSyncs() {
        if (!syncReaderAssigned) {
            if (!RemoteTopics.await(syncReaderAdmin().listTopics().names(), "list topics")
                    .contains(syncsPartition.topic())) {
                return; // the source connector has not created it yet
            }
            syncReader.assign(List.of(syncsPartition));
            syncReader.seekToBeginning(List.of(syncsPartition));
            syncReaderAssigned = true;
        }
        long end = syncReader.endOffsets(List.of(syncsPartition), Duration.ofSeconds(30)).get(syncsPartition);
        long deadline = System.currentTimeMillis() + 30_000;
        while (syncReader.position(syncsPartition) < end && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : syncReader.poll(Duration.ofMillis(200))) {
                if (record.key() != null && record.value() != null) {
                    translator.add(MirrorFormats.readOffsetSync(record.key(), record.value()));
                }
            }
        }
    }

    private Admin syncReaderAdmin() {
        return config.offsetSyncsOnSource() ? sourceAdmin : targetAdmin;
    }

    private List<SourceRecord> checkpoints() {
        List<SourceRecord> records = new ArrayList<>();
        Set<Map.Entry<String, TopicPartition>> checkpointed = new HashSet<>();
        Collection<GroupListing> groups = RemoteTopics.await(sourceAdmin.listGroups().all(), "list consumer groups");
        for (GroupListing listing : groups) {
            String group = listing.groupId();
            boolean consumerGroup = listing.type().map(t -> t == GroupType.CONSUMER || t == GroupType.CLASSIC)
                    .orElse(true);
            if (!consumerGroup || !groupFilter.test(group)
                    || Math.floorMod(group.hashCode(), config.taskCount()) != config.taskIndex()) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = RemoteTopics.await(
                    sourceAdmin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "read the committed offsets of group " + group);
            Map<TopicPartition, OffsetAndMetadata> translated = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                TopicPartition partition = e.getKey();
                if (e.getValue() == null || !selection.replicates(partition.topic())) {
                    continue;
                }
                OptionalLong downstream = translator.translate(partition, e.getValue().offset());
                if (downstream.isEmpty()) {
                    continue;
                }
                TopicPartition remote = new TopicPartition(
                        policy.formatRemoteTopic(config.sourceAlias(), partition.topic()), partition.partition());
                Checkpoint checkpoint = new Checkpoint(group, remote, e.getValue().offset(), downstream.getAsLong(),
                        e.getValue().metadata());
                translated.put(remote, checkpoint.offsetAndMetadata());
                checkpointed.add(Map.entry(group, remote));
                List<Object> key = List.of(group, remote);
                if (!checkpoint.equals(lastEmitted.get(key))) {
                    lastEmitted.put(key, checkpoint);
                    records.add(record(checkpoint, System.currentTimeMillis()));
                }
            }
            if (config.getBoolean(MirrorConnectorConfig.SYNC_GROUP_OFFSETS_ENABLED) && !translated.isEmpty()) {
                syncGroupOffsets(group, translated);
            }
        }
        metrics.retain(checkpointed);
        if (records.isEmpty()) {
            return null;
        }
        log.debug("Mirror {}->{}: {} new checkpoints", config.sourceAlias(), config.targetAlias(), records.size());
        return records;
    }

    /** A checkpoint record, its timestamp the time its group's committed offset was read (as MM2's). */
    private SourceRecord record(Checkpoint checkpoint, long readMs) {
        Map<String, Object> partition = MirrorFormats.checkpointPartition(checkpoint.consumerGroupId(),
                checkpoint.topicPartition());
        return new SourceRecord(partition, Map.of("offset", checkpoint.upstreamOffset()), checkpointsTopic, 0,
                Schema.OPTIONAL_BYTES_SCHEMA, MirrorFormats.checkpointKey(checkpoint),
                Schema.OPTIONAL_BYTES_SCHEMA, MirrorFormats.checkpointValue(checkpoint), readMs);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (metadata == null || record.timestamp() == null) {
            return; // not written (dropped by a transformation)
        }
        Map<String, ?> partition = record.sourcePartition();
        metrics.acknowledged((String) partition.get("group"), new TopicPartition((String) partition.get("topic"),
                ((Number) partition.get("partition")).intValue()), record.timestamp());
    }

    /** Commits translated offsets to the target's group if nobody consumes there, never moving it backwards. */
    private void syncGroupOffsets(String group, Map<TopicPartition, OffsetAndMetadata> translated) {
        ConsumerGroupDescription description = RemoteTopics.await(
                targetAdmin.describeConsumerGroups(List.of(group)).describedGroups().get(group),
                "describe group " + group + " on the target");
        if (!description.members().isEmpty()) {
            return; // active on the target: its own commits win
        }
        Map<TopicPartition, OffsetAndMetadata> current = RemoteTopics.await(
                targetAdmin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read the committed offsets of group " + group + " on the target");
        Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>();
        translated.forEach((partition, offset) -> {
            OffsetAndMetadata existing = current.get(partition);
            if (existing == null || existing.offset() < offset.offset()) {
                forward.put(partition, offset);
            }
        });
        if (!forward.isEmpty()) {
            RemoteTopics.await(targetAdmin.alterConsumerGroupOffsets(group, forward).all(),
                    "commit translated offsets of group " + group + " on the target");
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (metrics != null) {
            metrics.close();
        }
        synchronized (clientsLock) {
            if (syncReader != null) {
                closeClients();
            }
        }
    }

    /** Closes the clients once the worker has stopped polling (Connect calls stop() from another thread). */
    private void closeClients() {
        syncReader.close(Duration.ofSeconds(5));
        // pending admin calls are abandoned: an unreachable cluster must not hold up the task's stop
        sourceAdmin.close(Duration.ZERO);
        targetAdmin.close(Duration.ZERO);
    }
}
