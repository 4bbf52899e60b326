package dev.rill.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.connect.jdbc.internal.sink.JdbcSinkConfig;
import dev.rill.connect.jdbc.internal.source.JdbcSourceConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class JdbcConfigTest {
    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void shouldReportEveryInvalidSinkCombinationInOneError() {
        assertThatThrownBy(() -> new JdbcSinkConfig(props("connection.url", "jdbc:mysql://db/x",
                "insert.mode", "upsert", "pk.mode", "none", "delete.enabled", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.url=jdbc:mysql://db/x names no supported database")
                .hasMessageContaining("insert.mode=upsert needs a primary key but pk.mode=none")
                .hasMessageContaining("delete.enabled=true needs pk.mode=record_key");
    }

    @Test
    void shouldRejectAWrongNumberOfKafkaKeyColumns() {
        assertThatThrownBy(() -> new JdbcSinkConfig(props("connection.url", "jdbc:sqlite::memory:",
                "pk.mode", "kafka", "pk.fields", "a,b")))
                .hasMessageContaining("pk.fields=[a, b] with pk.mode=kafka must name 3 columns");
    }

    @Test
    void shouldPickTheDialectFromTheUrlAndAcceptDefaults() {
        JdbcSinkConfig sink = new JdbcSinkConfig(props("connection.url", "jdbc:postgresql://db/shop"));
        assertThat(sink.connection().dialect().name()).isEqualTo("PostgreSqlDatabaseDialect");
        assertThat(sink.batchSize()).isEqualTo(3000);
        assertThat(sink.tableName("orders")).isEqualTo("orders");
        JdbcSinkConfig sqlite = new JdbcSinkConfig(props("connection.url", "jdbc:sqlite:/tmp/x.db",
                "table.name.format", "kafka_${topic}"));
        assertThat(sqlite.connection().dialect().name()).isEqualTo("SqliteDatabaseDialect");
        assertThat(sqlite.tableName("orders")).isEqualTo("kafka_orders");
    }

    @Test
    void shouldDeclareThePasswordAsAPasswordSoRestHidesIt() {
        ConfigDef.ConfigKey password = JdbcSinkConfig.DEFINITION.configKeys().get("connection.password");
        assertThat(password.type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(JdbcSourceConfig.DEFINITION.configKeys().get("connection.password").type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        List<ConfigValue> validated = new RillJdbcSinkConnector().validate(props("connection.url",
                "jdbc:sqlite::memory:", "connection.password", "s3cret")).configValues();
        assertThat(validated).filteredOn(v -> v.name().equals("connection.password"))
                .singleElement().satisfies(v -> assertThat(String.valueOf(v.value())).isEqualTo("[hidden]"));
    }

    @Test
    void shouldShowCombinationProblemsOnTheKeyToChangeWhenValidating() {
        List<ConfigValue> sink = new RillJdbcSinkConnector().validate(props("connection.url", "jdbc:sqlite::memory:",
                "insert.mode", "upsert")).configValues();
        assertThat(sink).filteredOn(v -> v.name().equals("insert.mode")).singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString()
                        .contains("insert.mode=upsert needs a primary key but pk.mode=none"));
        List<ConfigValue> source = new RillJdbcSourceConnector().validate(props("connection.url",
                "jdbc:sqlite::memory:", "mode", "incrementing", "topic.prefix", "t", "table.whitelist", "a"))
                .configValues();
        assertThat(source).filteredOn(v -> v.name().equals("incrementing.column.name")).singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).containsExactly(
                        "mode=incrementing needs incrementing.column.name"));
        assertThat(source).filteredOn(v -> !v.name().equals("incrementing.column.name"))
                .allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    }

    @Test
    void shouldReportEveryInvalidSourceSettingInOneError() {
        assertThatThrownBy(() -> new JdbcSourceConfig(props("connection.url", "jdbc:sqlite::memory:",
                "mode", "timestamp+incrementing", "topic.prefix", "db-")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set exactly one of table.whitelist")
                .hasMessageContaining("needs incrementing.column.name")
                .hasMessageContaining("needs timestamp.column.name");
    }

    @Test
    void shouldDealTablesRoundRobinOverTasksAndRunAQueryInOneTask() {
        RillJdbcSourceConnector connector = new RillJdbcSourceConnector();
        connector.start(props("connection.url", "jdbc:sqlite::memory:", "mode", "bulk", "topic.prefix", "db-",
                "table.whitelist", "a,b,c,d,e"));
        assertThat(connector.taskConfigs(2)).extracting(c -> c.get("tables")).containsExactly("a,c,e", "b,d");
        assertThat(connector.taskConfigs(9)).hasSize(5);
        connector.start(props("connection.url", "jdbc:sqlite::memory:", "mode", "bulk", "topic.prefix", "q",
                "query", "SELECT 1"));
        assertThat(connector.taskConfigs(4)).hasSize(1);
    }

    @Test
    void shouldListBothConnectorsInServiceManifests() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(p -> p.type().getName()))
                .contains(RillJdbcSinkConnector.class.getName());
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(p -> p.type().getName()))
                .contains(RillJdbcSourceConnector.class.getName());
        assertThat(new RillJdbcSinkConnector().version()).isEqualTo("0.1.0-SNAPSHOT");
    }
}
