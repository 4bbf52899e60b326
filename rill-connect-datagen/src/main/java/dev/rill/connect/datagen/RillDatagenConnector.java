package dev.rill.connect.datagen;

import dev.rill.connect.datagen.internal.DatagenConfig;
import dev.rill.connect.datagen.internal.DatagenTask;
import dev.rill.connect.datagen.internal.PluginVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector that generates synthetic records for demos and benchmarks.
 *
 * <p>String keys and {@code Struct} values with a schema, so {@code JsonConverter} works with
 * {@code schemas.enable} on or off. {@code tasks.max} tasks share the rate and the iterations. Example:
 * {@code connector.class=RillDatagen, kafka.topic=payments, quickstart=payments, records.per.second=1000,
 * iterations=100000, seed=42}.
 */
public class RillDatagenConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        DatagenConfig config = new DatagenConfig(props);
        Map<String, String> resolved = new HashMap<>(props);
        if (config.seed() == null) {
            // chosen once and stored in the task configs, so restarted tasks keep generating the same sequence
            resolved.put(DatagenConfig.SEED, Long.toString(ThreadLocalRandom.current().nextLong()));
        }
        this.props = Map.copyOf(resolved);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DatagenTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int id = 0; id < maxTasks; id++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(DatagenConfig.TASK_ID, Integer.toString(id));
            task.put(DatagenConfig.TASK_COUNT, Integer.toString(maxTasks));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return DatagenConfig.DEFINITION;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
