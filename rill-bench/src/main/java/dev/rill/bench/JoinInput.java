package dev.rill.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;

/**
 * Two streams for a stream–stream join, generated deterministically: {@code count} payments (left) and as many
 * authorisations (right), spread evenly over a span of event time (an hour), keyed by account so that every payment has a small, bounded
 * number of authorisations within the join window.
 *
 * <p>Record {@code i} of either stream has key {@code acct-<i mod accounts>}; payment {@code i} has timestamp
 * {@code start + i * step}, authorisation {@code i} {@code start + i * step + spacing / 4}, where {@code step} is the
 * span divided by {@code count} and {@code spacing = accounts * step} is the time between two records of one key in a
 * stream. The number of accounts is chosen so that the spacing is about the join window, which gives every payment
 * two authorisations within the window (one before, one after; fewer at the ends of the span). Within a partition the
 * timestamps of each stream increase, so no record arrives late.
 */
public final class JoinInput {

    private final long count;
    private final long start;
    private final long stepMs;
    private final int accounts;

    /**
     * @param count  records per stream (at least 10, at most one per millisecond of the span)
     * @param start  the first payment's timestamp (epoch millis)
     * @param span   the event time the records of one stream cover
     * @param window the join's time difference ({@code JoinWindows.ofTimeDifference...}), whole milliseconds
     */
    public JoinInput(long count, long start, Duration span, Duration window) {
        if (count < 10 || count > span.toMillis()) {
            throw new IllegalArgumentException("join input needs between 10 and " + span.toMillis()
                    + " records per stream, was " + count);
        }
        this.count = count;
        this.start = start;
        this.stepMs = span.toMillis() / count;
        this.accounts = (int) Math.max(1, Math.round((double) window.toMillis() / stepMs));
    }

    /** Records per stream. */
    public long count() {
        return count;
    }

    /** The number of distinct keys of each stream. */
    public int accounts() {
        return accounts;
    }

    /** The time between two consecutive records of one stream, in milliseconds. */
    public long stepMs() {
        return stepMs;
    }

    /** The time between two records of one key in one stream, in milliseconds. */
    public long spacingMs() {
        return accounts * stepMs;
    }

    public String key(long i) {
        String digits = Long.toString(i % accounts);
        return "acct-" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
    }

    public long leftTimestamp(long i) {
        return start + i * stepMs;
    }

    public long rightTimestamp(long i) {
        return start + i * stepMs + spacingMs() / 4;
    }

    /** Payment {@code i}'s value, about 60 characters of JSON. */
    public String leftValue(long i) {
        long h = mix(i);
        return "{\"payment\":" + i + ",\"amount\":" + Math.floorMod(h, 100_000) + "." + Math.floorMod(h >>> 20, 100)
                + ",\"currency\":\"" + CURRENCIES[(int) Math.floorMod(h >>> 40, CURRENCIES.length)] + "\"}";
    }

    /** Authorisation {@code i}'s value, about 50 characters of JSON. */
    public String rightValue(long i) {
        long h = mix(~i);
        return "{\"authorisation\":" + i + ",\"code\":\"" + Long.toString(Math.floorMod(h, 36L * 36 * 36 * 36 * 36 * 36), 36)
                + "\",\"approved\":" + (Math.floorMod(h >>> 48, 20) != 0) + "}";
    }

    /**
     * Every pair of the inner join within {@code window} (inclusive at both ends, like {@code JoinWindows}) as
     * (key, joiner(payment, authorisation)), without materialising the streams.
     */
    public RecordDigest expectedJoin(Duration window, BinaryOperator<String> joiner) {
        RecordDigest digest = new RecordDigest();
        long windowMs = window.toMillis();
        long spacing = spacingMs();
        long offset = spacing / 4;
        // right j = i + m * accounts differs in time by m * spacing + offset
        long mMin = Math.floorDiv(-windowMs - offset + spacing - 1, spacing);
        long mMax = Math.floorDiv(windowMs - offset, spacing);
        for (long i = 0; i < count; i++) {
            String left = null;
            for (long m = mMin; m <= mMax; m++) {
                long j = i + m * accounts;
                if (j < 0 || j >= count) {
                    continue;
                }
                long difference = rightTimestamp(j) - leftTimestamp(i);
                if (Math.abs(difference) <= windowMs) {
                    if (left == null) {
                        left = leftValue(i);
                    }
                    digest.add(key(i), joiner.apply(left, rightValue(j)));
                }
            }
        }
        return digest;
    }

    /** Produces the payments to {@code leftTopic} and the authorisations to {@code rightTopic}, with their timestamps. */
    public void produceTo(String bootstrapServers, String leftTopic, String rightTopic)
            throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < count; i++) {
                String key = key(i);
                producer.send(new ProducerRecord<>(leftTopic, null, leftTimestamp(i), key, leftValue(i)),
                        (metadata, error) -> failure.compareAndSet(null, error));
                producer.send(new ProducerRecord<>(rightTopic, null, rightTimestamp(i), key, rightValue(i)),
                        (metadata, error) -> failure.compareAndSet(null, error));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new ExecutionException("producing the join input to " + leftTopic + " and " + rightTopic + " failed",
                    failure.get());
        }
    }

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
