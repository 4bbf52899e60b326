package dev.rill.mirror.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.Heartbeat;
import org.apache.kafka.connect.mirror.OffsetSync;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Map;

/** Rill's records read back with MirrorMaker 2 4.3.1's own deserializers. */
class MirrorFormatsTest {
    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("t", 0, 0L, key, value);
    }

    @Test
    void shouldWriteCheckpointsMirrorMakerReads() {
        Checkpoint checkpoint = new Checkpoint("billing", new TopicPartition("A.orders", 3), 334, 301, "meta");
        Checkpoint read = Checkpoint.deserializeRecord(record(MirrorFormats.checkpointKey(checkpoint),
                MirrorFormats.checkpointValue(checkpoint)));
        assertThat(read).isEqualTo(checkpoint);
    }

    @Test
    void shouldWriteHeartbeatsMirrorMakerReads() {
        Heartbeat heartbeat = new Heartbeat("A", "B", 1_700_000_000_123L);
        Heartbeat read = Heartbeat.deserializeRecord(record(MirrorFormats.heartbeatKey(heartbeat),
                MirrorFormats.heartbeatValue(heartbeat)));
        assertThat(read.sourceClusterAlias()).isEqualTo("A");
        assertThat(read.targetClusterAlias()).isEqualTo("B");
        assertThat(read.timestamp()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void shouldWriteOffsetSyncsMirrorMakerReadsAndReadItsOwn() {
        TopicPartition partition = new TopicPartition("orders", 7);
        byte[] key = MirrorFormats.offsetSyncKey(partition);
        byte[] value = MirrorFormats.offsetSyncValue(1234, 1200);
        OffsetSync read = OffsetSync.deserializeRecord(record(key, value));
        assertThat(read).isEqualTo(new OffsetSync(partition, 1234, 1200));
        assertThat(MirrorFormats.readOffsetSync(key, value))
                .isEqualTo(new MirrorFormats.OffsetSync(partition, 1234, 1200));
    }

    /**
     * Source partitions are keys in the offsets store by their JSON bytes: ours must be MM2's, byte for byte, or a
     * restart (or a take-over of MM2's offsets) would not find the saved positions and copy everything again.
     */
    @Test
    void sourcePartitionsSerializeToTheSameBytesAsMirrorMakers() throws Exception {
        TopicPartition partition = new TopicPartition("orders", 7);
        Method wrap = Class.forName("org.apache.kafka.connect.mirror.MirrorUtils")
                .getDeclaredMethod("wrapPartition", TopicPartition.class, String.class);
        wrap.setAccessible(true);
        assertThat(json(MirrorFormats.replicatedPartition(partition, "east")))
                .isEqualTo(json((Map<?, ?>) wrap.invoke(null, partition, "east")));

        Checkpoint checkpoint = new Checkpoint("payments-app", partition, 10, 12, "");
        assertThat(json(MirrorFormats.checkpointPartition("payments-app", partition)))
                .isEqualTo(json(connectPartition(checkpoint)));

        Heartbeat heartbeat = new Heartbeat("east", "west", 1L);
        assertThat(json(MirrorFormats.heartbeatPartition("east", "west")))
                .isEqualTo(json(connectPartition(heartbeat)));
    }

    private static Map<?, ?> connectPartition(Object checkpointOrHeartbeat) throws Exception {
        Method method = checkpointOrHeartbeat.getClass().getDeclaredMethod("connectPartition");
        method.setAccessible(true);
        return (Map<?, ?>) method.invoke(checkpointOrHeartbeat);
    }

    private static String json(Map<?, ?> partition) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), true);
            return new String(converter.fromConnectData("offsets", null, partition),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
