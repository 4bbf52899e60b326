package dev.rill.connect.jdbc;

import dev.rill.connect.jdbc.internal.ConfigProblems;
import dev.rill.connect.jdbc.internal.PluginVersion;
import dev.rill.connect.jdbc.internal.sink.JdbcSinkConfig;
import dev.rill.connect.jdbc.internal.sink.JdbcSinkTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Sink connector that writes records into PostgreSQL or SQLite tables: insert, upsert or update, deletes
 * from tombstones, tables created and evolved from the records' schemas.
 *
 * <p>Config names follow the widely used JDBC sink connector's. Example:
 * {@code connector.class=RillJdbcSink, topics=orders, connection.url=jdbc:sqlite:/tmp/shop.db,
 * insert.mode=upsert, pk.mode=record_key, pk.fields=id, delete.enabled=true, auto.create=true}.
 */
public class RillJdbcSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new JdbcSinkConfig(props); // fail fast, with every invalid setting in one message
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    /**
     * Per-key checks, plus the checks of keys in combination (e.g. upsert without a key) reported on the
     * key to change, so {@code PUT /connector-plugins/.../config/validate} shows every problem.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigProblems.withCombinedChecks(super.validate(connectorConfigs),
                () -> new JdbcSinkConfig(connectorConfigs));
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.DEFINITION;
    }
}
