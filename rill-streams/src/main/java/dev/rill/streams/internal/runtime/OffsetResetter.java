package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.topology.ResetPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Positions a main consumer on partitions it has no valid offset for, by the reset policy of the source reading each
 * partition's topic, else by the consumer's {@code auto.offset.reset}. Only used when some source has a policy of
 * its own: the consumer is then created with {@code auto.offset.reset=none}, so every reset comes here.
 */
final class OffsetResetter {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetResetter.class);

    private final TaskFactory factory;
    private final ResetPolicy fallback;

    OffsetResetter(TaskFactory factory, StreamsConfig config) {
        this.factory = factory;
        this.fallback = ResetPolicy.parse(String.valueOf(ClientConfigs.mainConsumer(config, config.applicationId(),
                "", 1).get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)));
    }

    /** Seeks every partition of {@code cause}; fails when a partition's policy is {@code none}. */
    void reset(Consumer<byte[], byte[]> consumer, InvalidOffsetException cause) {
        Set<TopicPartition> partitions = cause.partitions();
        List<TopicPartition> earliest = new ArrayList<>();
        List<TopicPartition> latest = new ArrayList<>();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        List<TopicPartition> none = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (TopicPartition tp : partitions) {
            ResetPolicy own = factory.resetPolicyOf(tp.topic());
            ResetPolicy policy = own != null ? own : fallback;
            switch (policy.strategy()) {
                case "earliest" -> earliest.add(tp);
                case "latest" -> latest.add(tp);
                case "by_duration" -> byTime.put(tp, Math.max(0, now - policy.lookBack().orElse(Duration.ZERO).toMillis()));
                default -> none.add(tp);
            }
        }
        if (!none.isEmpty()) {
            throw new StreamsException("No valid committed offset for input partitions " + none + " and their reset "
                    + "policy is 'none'. Give the source a reset policy (Consumed.with(AutoOffsetReset.earliest()), "
                    + "Topology.addSource(AutoOffsetReset, ...)) or set auto.offset.reset.", cause);
        }
        if (!earliest.isEmpty()) {
            consumer.seekToBeginning(earliest);
        }
        if (!latest.isEmpty()) {
            consumer.seekToEnd(latest);
        }
        if (!byTime.isEmpty()) {
            List<TopicPartition> noneNewer = new ArrayList<>();
            consumer.offsetsForTimes(byTime).forEach((tp, found) -> {
                if (found == null) {
                    noneNewer.add(tp);
                } else {
                    consumer.seek(tp, found.offset());
                }
            });
            if (!noneNewer.isEmpty()) {
                consumer.seekToEnd(noneNewer);
            }
        }
        LOG.info("Reset offsets: earliest {}, latest {}, by time {}", earliest, latest, byTime.keySet());
    }
}
