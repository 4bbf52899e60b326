package dev.rill.connect.file;

import dev.rill.connect.file.internal.FileSinkConfig;
import dev.rill.connect.file.internal.FileSinkTask;
import dev.rill.connect.file.internal.PluginVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Sink connector that appends each record value as one line to a text file and flushes it to disk when
 * the worker commits offsets.
 *
 * <p>Example config: {@code connector.class=RillFileSink, topics=payments, file=/tmp/payments.txt}.
 */
public class RillFileSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new FileSinkConfig(props); // fail fast on an invalid config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSinkTask.class;
    }

    /** One task writes the file: several writers would interleave lines unpredictably. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        configs.add(props);
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return FileSinkConfig.DEFINITION;
    }
}
