package dev.rill.connect.file.internal;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Parsed and validated configuration of the file sink. */
public final class FileSinkConfig extends AbstractConfig {
    public static final String FILE = "file";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the file the sink appends to, one line per record value (UTF-8). Created if missing.");

    public FileSinkConfig(Map<String, String> props) {
        super(DEFINITION, props);
    }

    public String file() {
        return getString(FILE);
    }
}
