package dev.rill.connect.file;

import dev.rill.connect.file.internal.FileSourceConfig;
import dev.rill.connect.file.internal.FileSourceTask;
import dev.rill.connect.file.internal.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector that turns each line of a text file into one record, resuming at the exact byte
 * position after a restart and following a file that grows.
 *
 * <p>Source partition {@code {"filename": <file>}}, source offset {@code {"position": <byte offset of the
 * next unread line>}}. Example config:
 * {@code connector.class=RillFileSource, file=/var/log/app.log, topic=app-log}.
 */
public class RillFileSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new FileSourceConfig(props); // fail fast on an invalid config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSourceTask.class;
    }

    /** One file is read by exactly one task, whatever {@code tasks.max} says. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return FileSourceConfig.DEFINITION;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
