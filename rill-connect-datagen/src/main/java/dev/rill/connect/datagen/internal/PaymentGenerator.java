package dev.rill.connect.datagen.internal;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Generates payment {@code n} of a task as a pure function of (seed, task, n), so a restarted task that
 * continues at {@code n + 1} produces exactly what an uninterrupted one would have.
 */
public final class PaymentGenerator {
    public static final String UNKNOWN = "unknown";
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.rill.datagen.Payment").version(1)
            .field("id", Schema.STRING_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .field("currency", Schema.STRING_SCHEMA)
            .field("timestamp", Schema.INT64_SCHEMA)
            .build();
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "JPY");

    /** A generated key and value. */
    public record Payment(String key, Struct value) {
    }

    private final long seed;
    private final int taskId;
    private final int customers;
    private final double unknownRatio;

    public PaymentGenerator(long seed, int taskId, int customers, double unknownRatio) {
        this.seed = seed;
        this.taskId = taskId;
        this.customers = customers;
        this.unknownRatio = unknownRatio;
    }

    public Payment generate(long sequence, long timestampMs) {
        SplittableRandom random = new SplittableRandom(mix(seed, taskId, sequence));
        String customer = random.nextDouble() < unknownRatio ? UNKNOWN : "customer-" + random.nextInt(customers);
        double amount = random.nextInt(1, 100_000) / 100.0;
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        Struct value = new Struct(VALUE_SCHEMA)
                .put("id", "pay-" + taskId + "-" + sequence)
                .put("customer", customer)
                .put("amount", amount)
                .put("currency", currency)
                .put("timestamp", timestampMs);
        return new Payment(customer, value);
    }

    /** SplitMix64-style finaliser over the three inputs, so neighbouring sequences get unrelated streams. */
    static long mix(long seed, int taskId, long sequence) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (taskId + 1)) ^ (0xBF58476D1CE4E5B9L * sequence);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
