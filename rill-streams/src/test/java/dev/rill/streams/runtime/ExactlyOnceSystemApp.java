package dev.rill.streams.runtime;

import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StateRestoreListener;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * The application of {@link ExactlyOnceSystemIT} under {@code exactly_once_v2}, one topology with three parts over
 * an input of keys {@code k<i>} and numeric string values:
 * <ol>
 * <li>echo: the input unchanged to the echo topic;</li>
 * <li>a repartitioning aggregation: re-keyed to {@code g<i % 7>}, then {@code sum,count,min,max} of the values per
 * group, every update to the aggregate topic (no record cache: one update per input record);</li>
 * <li>a stream–table join: each input record joined with the table read from the label topic, {@code label|value}.</li>
 * </ol>
 * Run in a child JVM; killed with SIGKILL, or closed cleanly on SIGTERM (shutdown hook). It prints {@code RUNNING
 * <ms>} when it first reaches RUNNING, {@code RESTORED <partition> <records>} per restored changelog partition and
 * {@code STATUS <state> <active tasks>} whenever one of them changes.
 */
public final class ExactlyOnceSystemApp {
    static final int GROUPS = 7;

    private ExactlyOnceSystemApp() {
    }

    /** The group a key {@code k<i>} is re-keyed to. */
    static String group(String key) {
        return "g" + (Integer.parseInt(key.substring(1)) % GROUPS);
    }

    /** The aggregate {@code sum,count,min,max} after folding {@code value} into {@code aggregate}. */
    static String fold(String aggregate, long value) {
        String[] f = aggregate.split(",");
        long count = Long.parseLong(f[1]);
        long min = count == 0 ? value : Math.min(Long.parseLong(f[2]), value);
        long max = count == 0 ? value : Math.max(Long.parseLong(f[3]), value);
        return (Long.parseLong(f[0]) + value) + "," + (count + 1) + "," + min + "," + max;
    }

    static final String EMPTY = "0,0,0,0";

    static String joined(String label, String value) {
        return label + "|" + value;
    }

    static Topology topology(String in, String labels, String echo, String aggregates, String joins) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> input = b.stream(in);
        input.to(echo);
        input.selectKey((k, v) -> group(k))
                .groupByKey(Grouped.as("by-group"))
                .aggregate(() -> EMPTY, (g, v, agg) -> fold(agg, Long.parseLong(v)), Materialized.as("stats"))
                .toStream().to(aggregates);
        KTable<String, String> table = b.table(labels, Materialized.as("labels"));
        input.join(table, (v, label) -> joined(label, v)).to(joins);
        return b.build();
    }

    static Properties props(String bootstrap, String appId, String stateDir) {
        Properties p = RillStreamsIT.props(appId, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // internal topics (repartition, changelogs) survive a lost broker like the user topics
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
        p.put(StreamsConfig.topicPrefix("min.insync.replicas"), "2");
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 10_000);
        return p;
    }

    /** Args: bootstrap servers, application id, state dir, input, label, echo, aggregate and join topics. */
    public static void main(String[] args) throws InterruptedException {
        long begin = System.nanoTime();
        RillStreams streams = new RillStreams(topology(args[3], args[4], args[5], args[6], args[7]),
                props(args[0], args[1], args[2]));
        AtomicBoolean running = new AtomicBoolean();
        streams.setStateListener((n, o) -> {
            System.out.println("STATE " + n);
            if (n == RillStreams.State.RUNNING && running.compareAndSet(false, true)) {
                System.out.println("RUNNING " + (System.nanoTime() - begin) / 1_000_000);
            }
        });
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long from, long to) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long end, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                System.out.println("RESTORED " + tp + " " + total);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean closed = streams.close(Duration.ofSeconds(60));
            System.out.println("CLOSED " + closed);
        }));
        streams.start();
        System.out.println("STARTED");
        String last = "";
        while (true) {
            String status = "STATUS " + streams.state() + " "
                    + streams.threadTasks().values().stream().mapToInt(List::size).sum();
            if (!status.equals(last)) {
                System.out.println(status);
                last = status;
            }
            Thread.sleep(200);
        }
    }
}
