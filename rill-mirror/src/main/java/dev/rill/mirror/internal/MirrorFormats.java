package dev.rill.mirror.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.types.Field;
import org.apache.kafka.common.protocol.types.Schema;
import org.apache.kafka.common.protocol.types.Struct;
import org.apache.kafka.common.protocol.types.Type;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.Heartbeat;

/**
 * MirrorMaker 2's binary record formats. Checkpoints and heartbeats are written with the public schemas and field
 * names of connect-mirror-client's {@link Checkpoint} and {@link Heartbeat} (so {@code Checkpoint.deserializeRecord}
 * and {@code RemoteClusterUtils} read them); offset syncs, whose class is not in the client library, with the same
 * layout as MM2's: key {topic: string, partition: int32}, value {upstreamOffset: int64, offset: int64}.
 */
public final class MirrorFormats {
    /** The source partition of a replicated topic partition in the offsets store, as MM2 writes it. */
    static Map<String, Object> replicatedPartition(TopicPartition partition, String sourceAlias) {
        return connectPartition("topic", partition.topic(), "partition", partition.partition(), "cluster", sourceAlias);
    }

    /** The source partition of a group's checkpoints of one topic partition, as MM2 writes it. */
    static Map<String, Object> checkpointPartition(String group, TopicPartition partition) {
        return connectPartition("group", group, "topic", partition.topic(), "partition", partition.partition());
    }

    /** The source partition of the heartbeats of one flow, as MM2 writes it. */
    static Map<String, Object> heartbeatPartition(String sourceAlias, String targetAlias) {
        return connectPartition("sourceClusterAlias", sourceAlias, "targetClusterAlias", targetAlias);
    }

    /**
     * A map built the way MirrorMaker 2 builds its source partitions (a {@link HashMap} filled in a fixed order), so
     * its JSON form, which is its key in the offsets store, is the same in every JVM and the same as MM2's.
     * {@code Map.of} would not do: its iteration order changes from one JVM run to the next, so a restarted task
     * would look its positions up under other bytes and start again from the beginning.
     */
    private static Map<String, Object> connectPartition(Object... keysAndValues) {
        Map<String, Object> partition = new HashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            partition.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return partition;
    }

    static final Schema OFFSET_SYNC_KEY = new Schema(
            new Field("topic", Type.STRING), new Field("partition", Type.INT32));
    static final Schema OFFSET_SYNC_VALUE = new Schema(
            new Field("upstreamOffset", Type.INT64), new Field("offset", Type.INT64));

    private MirrorFormats() {
    }

    /** An offset sync: record {@code upstreamOffset} of {@code partition} on the source is {@code downstreamOffset}. */
    public record OffsetSync(TopicPartition partition, long upstreamOffset, long downstreamOffset) {
    }

    public static byte[] offsetSyncKey(TopicPartition partition) {
        Struct key = new Struct(OFFSET_SYNC_KEY).set("topic", partition.topic()).set("partition", partition.partition());
        return write(OFFSET_SYNC_KEY, key);
    }

    public static byte[] offsetSyncValue(long upstreamOffset, long downstreamOffset) {
        Struct value = new Struct(OFFSET_SYNC_VALUE).set("upstreamOffset", upstreamOffset).set("offset", downstreamOffset);
        return write(OFFSET_SYNC_VALUE, value);
    }

    public static OffsetSync readOffsetSync(byte[] key, byte[] value) {
        Struct k = OFFSET_SYNC_KEY.read(ByteBuffer.wrap(key));
        Struct v = OFFSET_SYNC_VALUE.read(ByteBuffer.wrap(value));
        return new OffsetSync(new TopicPartition(k.getString("topic"), k.getInt("partition")),
                v.getLong("upstreamOffset"), v.getLong("offset"));
    }

    public static byte[] checkpointKey(Checkpoint checkpoint) {
        Struct key = new Struct(Checkpoint.KEY_SCHEMA)
                .set(Checkpoint.CONSUMER_GROUP_ID_KEY, checkpoint.consumerGroupId())
                .set(Checkpoint.TOPIC_KEY, checkpoint.topicPartition().topic())
                .set(Checkpoint.PARTITION_KEY, checkpoint.topicPartition().partition());
        return write(Checkpoint.KEY_SCHEMA, key);
    }

    public static byte[] checkpointValue(Checkpoint checkpoint) {
        Struct header = new Struct(Checkpoint.HEADER_SCHEMA).set(Checkpoint.VERSION_KEY, Checkpoint.VERSION);
        Struct value = new Struct(Checkpoint.VALUE_SCHEMA_V0)
                .set(Checkpoint.UPSTREAM_OFFSET_KEY, checkpoint.upstreamOffset())
                .set(Checkpoint.DOWNSTREAM_OFFSET_KEY, checkpoint.downstreamOffset())
                .set(Checkpoint.METADATA_KEY, checkpoint.metadata() == null ? "" : checkpoint.metadata());
        return write(Checkpoint.HEADER_SCHEMA, header, Checkpoint.VALUE_SCHEMA_V0, value);
    }

    public static byte[] heartbeatKey(Heartbeat heartbeat) {
        Struct key = new Struct(Heartbeat.KEY_SCHEMA)
                .set(Heartbeat.SOURCE_CLUSTER_ALIAS_KEY, heartbeat.sourceClusterAlias())
                .set(Heartbeat.TARGET_CLUSTER_ALIAS_KEY, heartbeat.targetClusterAlias());
        return write(Heartbeat.KEY_SCHEMA, key);
    }

    public static byte[] heartbeatValue(Heartbeat heartbeat) {
        Struct header = new Struct(Heartbeat.HEADER_SCHEMA).set(Heartbeat.VERSION_KEY, Heartbeat.VERSION);
        Struct value = new Struct(Heartbeat.VALUE_SCHEMA_V0).set(Heartbeat.TIMESTAMP_KEY, heartbeat.timestamp());
        return write(Heartbeat.HEADER_SCHEMA, header, Heartbeat.VALUE_SCHEMA_V0, value);
    }

    private static byte[] write(Schema schema, Struct struct) {
        ByteBuffer buffer = ByteBuffer.allocate(schema.sizeOf(struct));
        schema.write(buffer, struct);
        return buffer.array();
    }

    private static byte[] write(Schema headerSchema, Struct header, Schema valueSchema, Struct value) {
        ByteBuffer buffer = ByteBuffer.allocate(headerSchema.sizeOf(header) + valueSchema.sizeOf(value));
        headerSchema.write(buffer, header);
        valueSchema.write(buffer, value);
        return buffer.array();
    }
}
