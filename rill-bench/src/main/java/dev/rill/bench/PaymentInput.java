package dev.rill.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;

/**
 * The seed's payment records, generated deterministically: the same count and seed always give the same records.
 *
 * <p>Each record is about 110 bytes: a key of 12 characters (exactly every tenth key is {@value #UNKNOWN_KEY})
 * and a JSON value of about 100 characters. Because generation is deterministic, a scenario computes its
 * expected output with {@link #digest} without keeping the records.
 */
public final class PaymentInput {

    /** The key the seed filter keeps. */
    public static final String UNKNOWN_KEY = "unknown";
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};

    /** The number of distinct accounts (keys other than {@value #UNKNOWN_KEY}) of the seed's input. */
    public static final int SEED_ACCOUNTS = 10_000_000;

    private final long count;
    private final long seed;
    private final int accounts;

    /** The seed's input: keys drawn from {@value #SEED_ACCOUNTS} accounts. */
    public PaymentInput(long count, long seed) {
        this(count, seed, SEED_ACCOUNTS);
    }

    /** Input whose keys other than {@value #UNKNOWN_KEY} are drawn from {@code accounts} accounts (at most 10 M). */
    public PaymentInput(long count, long seed, int accounts) {
        if (count < 10) {
            throw new IllegalArgumentException("payment input needs at least 10 records, was " + count);
        }
        if (accounts < 1 || accounts > SEED_ACCOUNTS) {
            throw new IllegalArgumentException("payment input needs between 1 and " + SEED_ACCOUNTS
                    + " accounts, was " + accounts);
        }
        this.count = count;
        this.seed = seed;
        this.accounts = accounts;
    }

    public long count() {
        return count;
    }

    /** Which records a digest covers and whether it includes keys. */
    public enum Selection {
        /** Records whose key is {@value #UNKNOWN_KEY}, key and value (the seed filter's output). */
        UNKNOWN_KEYS_WITH_KEY,
        /** Every record, value only (what a file sink writes, one value per line). */
        ALL_VALUES
    }

    /** The digest of the records the selection keeps. */
    public RecordDigest digest(Selection selection) {
        RecordDigest digest = new RecordDigest();
        forEach((key, value) -> {
            if (selection == Selection.ALL_VALUES) {
                digest.add(null, value);
            } else if (UNKNOWN_KEY.equals(key)) {
                digest.add(key, value);
            }
        });
        return digest;
    }

    /** How many records each key has, i.e. what {@code groupByKey().count()} ends with. */
    public Map<String, Long> countsPerKey() {
        Map<String, Long> counts = new HashMap<>();
        forEach((key, value) -> counts.merge(key, 1L, Long::sum));
        return counts;
    }

    /** The number of records whose key is {@value #UNKNOWN_KEY}. */
    public long unknownCount() {
        return count / 10 + (count % 10 > 7 ? 1 : 0);
    }

    /** Produces every record to the topic with kafka-clients' default partitioner and waits until all are acked. */
    public void produceTo(String bootstrapServers, String topic) throws InterruptedException, ExecutionException {
        produceTo(bootstrapServers, topic, null);
    }

    /**
     * Like {@link #produceTo(String, String)}, with record {@code i}'s timestamp {@code timestamps(i)}; a {@code null}
     * operator leaves the timestamps to the producer (send time).
     */
    public void produceTo(String bootstrapServers, String topic, LongUnaryOperator timestamps)
            throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            forEachIndexed((index, key, value) -> producer.send(new ProducerRecord<>(topic, null,
                    timestamps == null ? null : timestamps.applyAsLong(index), key, value), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            }));
            producer.flush();
        }
        if (failure.get() != null) {
            throw new ExecutionException("producing the input to " + topic + " failed", failure.get());
        }
    }

    /** Calls the consumer with every record's key and value, in order. */
    public void forEach(RecordConsumer consumer) {
        forEachIndexed((index, key, value) -> consumer.accept(key, value));
    }

    /** Calls the consumer with every record's index (0-based), key and value, in order. */
    public void forEachIndexed(IndexedRecordConsumer consumer) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder value = new StringBuilder(128);
        for (long i = 0; i < count; i++) {
            int account = random.nextInt(accounts);
            String key = i % 10 == 7 ? UNKNOWN_KEY : "acct-" + pad(account, 7);
            value.setLength(0);
            value.append("{\"id\":").append(i)
                    .append(",\"account\":").append(account)
                    .append(",\"amount\":").append(random.nextInt(100_000)).append('.').append(pad(random.nextInt(100), 2))
                    .append(",\"currency\":\"").append(CURRENCIES[random.nextInt(CURRENCIES.length)])
                    .append("\",\"merchant\":\"m-").append(pad(random.nextInt(100_000), 5))
                    .append("\",\"ts\":").append(1_764_000_000_000L + i)
                    .append('}');
            consumer.accept(i, key, value.toString());
        }
    }

    private static String pad(int number, int width) {
        String s = Integer.toString(number);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Receives generated records. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(String key, String value);
    }

    /** Receives generated records with their index. */
    @FunctionalInterface
    public interface IndexedRecordConsumer {
        void accept(long index, String key, String value);
    }
}
