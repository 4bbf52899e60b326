package dev.rill.bench.scenarios;

import dev.rill.bench.ReplicaTally;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads a topic that does not exist yet (the replica a mirror will create) from its beginning as records arrive,
 * with {@code read_committed} so that a transactional writer's records count once committed, and counts them in a
 * {@link ReplicaTally}. Runs on its own thread until closed; it never creates the topic.
 */
final class ReplicaTail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaTail.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long TOPIC_CHECK_MILLIS = 50;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final ReplicaTally tally;
    private final Thread thread;
    private volatile boolean closing;

    private ReplicaTail(String bootstrapServers, String topic, ReplicaTally tally) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Asking for a topic that does not exist yet must not create it: the mirror creates it with its partitions.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.tally = tally;
        this.thread = new Thread(this::run, "replica-tail-" + topic);
        thread.setDaemon(true);
    }

    /** Starts reading {@code topic} on the given cluster, counting into {@code tally}. */
    static ReplicaTail start(String bootstrapServers, String topic, ReplicaTally tally) {
        ReplicaTail tail = new ReplicaTail(bootstrapServers, topic, tally);
        tail.thread.start();
        return tail;
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long lastCheck = 0;
        try {
            while (!closing) {
                // The topic may appear, or gain partitions, while the mirror starts: look again now and then.
                if (System.nanoTime() - lastCheck > TimeUnit.MILLISECONDS.toNanos(TOPIC_CHECK_MILLIS)) {
                    lastCheck = System.nanoTime();
                    assignNewPartitions(assigned);
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(TOPIC_CHECK_MILLIS);
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                long seen = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    tally.add(record.partition(), record.key(), record.value(), seen);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("reading {} failed; the run will miss records", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignNewPartitions(Set<TopicPartition> assigned) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return;
        }
        Set<TopicPartition> fresh = new HashSet<>();
        for (PartitionInfo info : partitions) {
            TopicPartition partition = new TopicPartition(topic, info.partition());
            if (!assigned.contains(partition)) {
                fresh.add(partition);
            }
        }
        if (!fresh.isEmpty()) {
            assigned.addAll(fresh);
            consumer.assign(assigned);
            consumer.seekToBeginning(fresh);
        }
    }

    /** Stops reading; the tally keeps what was counted. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
