package dev.rill.connect.file.internal;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Parsed and validated configuration of the file source (connector and task share it). */
public final class FileSourceConfig extends AbstractConfig {
    public static final String FILE = "file";
    public static final String TOPIC = "topic";
    public static final String BATCH_SIZE = "batch.size";
    public static final int BATCH_SIZE_DEFAULT = 2000;

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the text file to read, one record per line (UTF-8). The file may grow while the"
                            + " source runs; it may also not exist yet.")
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Topic the lines are written to.")
            .define(BATCH_SIZE, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Maximum number of lines returned by one poll.");

    public FileSourceConfig(Map<String, String> props) {
        super(DEFINITION, props);
    }

    public String file() {
        return getString(FILE);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }
}
