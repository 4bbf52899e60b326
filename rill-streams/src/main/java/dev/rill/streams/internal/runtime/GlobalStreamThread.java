package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.GlobalStateManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global stores (GlobalKTables) of an instance: {@link #bootstrap()} reads every partition of their topics
 * from the beginning to the current end before stream threads start, then the thread applies new records as they
 * arrive.
 */
final class GlobalStreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStreamThread.class);

    private final GlobalStateManager state;
    private final Consumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    GlobalStreamThread(String name, GlobalStateManager state, Consumer<byte[], byte[]> consumer) {
        super(name);
        setDaemon(true);
        this.state = state;
        this.consumer = consumer;
    }

    /** Opens the stores and loads them up to the end offsets seen now. */
    void bootstrap() {
        state.open();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : state.topics()) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
        long n = 0;
        long start = System.nanoTime();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            n += apply(consumer.poll(Duration.ofMillis(100)));
        }
        LOG.info("Global stores {} loaded with {} records in {} ms", state.stores().keySet(), n,
                (System.nanoTime() - start) / 1_000_000);
    }

    private long apply(ConsumerRecords<byte[], byte[]> records) {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            state.apply(r);
            n++;
        }
        return n;
    }

    @Override
    public void run() {
        try {
            while (running) {
                apply(consumer.poll(Duration.ofMillis(100)));
            }
        } catch (WakeupException e) {
            // shutdown
        } catch (RuntimeException e) {
            LOG.error("The global stream thread failed; global tables stop receiving updates", e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the global consumer failed", e);
            }
            state.close();
        }
    }

    void shutdown() {
        running = false;
        consumer.wakeup();
    }
}
