package dev.rill.connect.jdbc;

import dev.rill.connect.jdbc.internal.ConfigProblems;
import dev.rill.connect.jdbc.internal.PluginVersion;
import dev.rill.connect.jdbc.internal.source.JdbcSourceConfig;
import dev.rill.connect.jdbc.internal.source.JdbcSourceTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Source connector that copies PostgreSQL or SQLite tables (or a query's result) into topics, in bulk or
 * incrementally by an incrementing and/or timestamp column, spreading tables over tasks.
 *
 * <p>Config names follow the widely used JDBC source connector's. Example:
 * {@code connector.class=RillJdbcSource, connection.url=jdbc:postgresql://db/shop, table.whitelist=orders,
 * mode=timestamp+incrementing, incrementing.column.name=id, timestamp.column.name=updated_at,
 * topic.prefix=shop-}.
 */
public class RillJdbcSourceConnector extends SourceConnector {
    private JdbcSourceConfig config;
    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = new JdbcSourceConfig(props); // fail fast, with every invalid setting in one message
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    /** A query runs in one task; tables are dealt round-robin over at most {@code maxTasks} tasks. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (!config.query().isBlank()) {
            return List.of(props);
        }
        List<String> tables = config.tables();
        int tasks = Math.min(maxTasks, tables.size());
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < tables.size(); i++) {
            groups.get(i % tasks).add(tables.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(JdbcSourceConfig.TASK_TABLES, String.join(",", group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    /**
     * Per-key checks, plus the checks of keys in combination (e.g. mode=incrementing without
     * incrementing.column.name) reported on the key to change, so
     * {@code PUT /connector-plugins/.../config/validate} shows every problem.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigProblems.withCombinedChecks(super.validate(connectorConfigs),
                () -> new JdbcSourceConfig(connectorConfigs));
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.DEFINITION;
    }
}
