package dev.rill.connect.datagen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Parsed and validated configuration of the datagen source; tasks also get their id and the task count. */
public final class DatagenConfig extends AbstractConfig {
    public static final String TOPIC = "kafka.topic";
    public static final String QUICKSTART = "quickstart";
    public static final String RECORDS_PER_SECOND = "records.per.second";
    public static final String MAX_INTERVAL = "max.interval";
    public static final String ITERATIONS = "iterations";
    public static final String SEED = "seed";
    public static final String CUSTOMERS = "customers";
    public static final String UNKNOWN_CUSTOMER_RATIO = "unknown.customer.ratio";
    public static final String BATCH_SIZE = "batch.size";
    /** Set by the connector for each task; not a user setting. */
    public static final String TASK_ID = "datagen.task.id";
    /** Set by the connector for each task; not a user setting. */
    public static final String TASK_COUNT = "datagen.task.count";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Topic the generated records are written to.")
            .define(QUICKSTART, Type.STRING, "payments", ConfigDef.ValidString.in("payments"), Importance.HIGH,
                    "Kind of data to generate. 'payments': key = customer id (customer-N, or 'unknown'), value ="
                            + " {id, customer, amount, currency, timestamp}.")
            .define(RECORDS_PER_SECOND, Type.DOUBLE, 0.0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Total rate over all tasks (each task gets an equal share). 0 = as fast as possible.")
            .define(MAX_INTERVAL, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "If > 0, each task waits a random 0..max.interval ms before each record (an alternative to"
                            + " records.per.second; set only one of them).")
            .define(ITERATIONS, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                    "Total number of records over all tasks; -1 = unlimited.")
            .define(SEED, Type.LONG, null, Importance.LOW,
                    "Seed of the generator: the same seed gives the same keys, ids, amounts and currencies (not"
                            + " timestamps, which are the wall clock). Default: a random seed chosen when the"
                            + " connector starts.")
            .define(CUSTOMERS, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Number of distinct customer ids (customer-0 .. customer-(N-1)).")
            .define(UNKNOWN_CUSTOMER_RATIO, Type.DOUBLE, 0.1, ConfigDef.Range.between(0.0, 1.0), Importance.LOW,
                    "Share of payments whose key and customer is 'unknown' (0.0 .. 1.0).")
            .define(BATCH_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Maximum number of records returned by one poll.")
            .define(TASK_ID, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW, "Internal: this task's id.")
            .define(TASK_COUNT, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Internal: the number of tasks sharing the rate and iterations.");

    public DatagenConfig(Map<String, String> props) {
        super(DEFINITION, props);
        List<String> problems = new ArrayList<>();
        if (recordsPerSecond() > 0 && maxIntervalMs() > 0) {
            problems.add(RECORDS_PER_SECOND + "=" + recordsPerSecond() + " and " + MAX_INTERVAL + "="
                    + maxIntervalMs() + " are both set; set only one of them (or neither for full speed)");
        }
        if (taskId() >= taskCount()) {
            problems.add(TASK_ID + "=" + taskId() + " must be below " + TASK_COUNT + "=" + taskCount());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid datagen configuration: " + String.join("; ", problems));
        }
    }

    public String topic() {
        return getString(TOPIC);
    }

    public String quickstart() {
        return getString(QUICKSTART);
    }

    public double recordsPerSecond() {
        return getDouble(RECORDS_PER_SECOND);
    }

    public long maxIntervalMs() {
        return getLong(MAX_INTERVAL);
    }

    public long iterations() {
        return getLong(ITERATIONS);
    }

    /** The configured seed, or null when the connector should choose one. */
    public Long seed() {
        return getLong(SEED);
    }

    public int customers() {
        return getInt(CUSTOMERS);
    }

    public double unknownCustomerRatio() {
        return getDouble(UNKNOWN_CUSTOMER_RATIO);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public int taskId() {
        return getInt(TASK_ID);
    }

    public int taskCount() {
        return getInt(TASK_COUNT);
    }

    /** This task's share of the total iterations: -1 when unlimited. */
    public long taskIterations() {
        if (iterations() < 0) {
            return -1;
        }
        long base = iterations() / taskCount();
        return base + (taskId() < iterations() % taskCount() ? 1 : 0);
    }

    /** This task's share of the total rate: 0 when unlimited. */
    public double taskRecordsPerSecond() {
        return recordsPerSecond() / taskCount();
    }
}
