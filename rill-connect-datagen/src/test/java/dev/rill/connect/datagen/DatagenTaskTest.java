package dev.rill.connect.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.connect.datagen.internal.DatagenTask;
import dev.rill.connect.plugintest.FakeSourceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DatagenTaskTest {

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> props = new HashMap<>(Map.of("kafka.topic", "payments"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static List<Map<String, String>> taskConfigs(Map<String, String> props, int tasks) {
        RillDatagenConnector connector = new RillDatagenConnector();
        connector.start(props);
        return connector.taskConfigs(tasks);
    }

    private static DatagenTask startTask(Map<String, String> taskConfig, FakeSourceContext context) {
        DatagenTask task = new DatagenTask();
        task.initialize(context);
        task.start(taskConfig);
        return task;
    }

    private static List<SourceRecord> drain(DatagenTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        List<SourceRecord> batch;
        while ((batch = task.poll()) != null) {
            all.addAll(batch);
        }
        return all;
    }

    /** Everything but the wall-clock timestamp. */
    private static String content(SourceRecord record) {
        Struct value = (Struct) record.value();
        return record.key() + "|" + value.get("id") + "|" + value.get("customer") + "|" + value.get("amount") + "|"
                + value.get("currency");
    }

    @Test
    void shouldContinueTheSequenceAfterARestartAndProduceWhatAnUninterruptedRunWould() throws Exception {
        Map<String, String> taskConfig = taskConfigs(config("iterations", "50", "seed", "7", "batch.size", "20"), 1)
                .get(0);
        List<String> uninterrupted = drain(startTask(taskConfig, new FakeSourceContext(taskConfig))).stream()
                .map(DatagenTaskTest::content).toList();
        assertThat(uninterrupted).hasSize(50).doesNotHaveDuplicates();

        FakeSourceContext context = new FakeSourceContext(taskConfig);
        DatagenTask first = startTask(taskConfig, context);
        List<SourceRecord> acknowledged = first.poll();
        context.commit(acknowledged);
        assertThat(first.poll()).hasSize(20); // produced but never acknowledged: lost in the "crash"
        first.stop();
        DatagenTask second = startTask(taskConfig, context);
        List<SourceRecord> rest = drain(second);

        List<String> combined = new ArrayList<>(acknowledged.stream().map(DatagenTaskTest::content).toList());
        combined.addAll(rest.stream().map(DatagenTaskTest::content).toList());
        assertThat(combined).containsExactlyElementsOf(uninterrupted);
        assertThat(rest.get(rest.size() - 1).sourceOffset()).isEqualTo(Map.of("sequence", 49L));
    }

    @Test
    void shouldSplitIterationsOverTasksWithDistinctIds() throws Exception {
        List<Map<String, String>> configs = taskConfigs(config("iterations", "10"), 3);
        List<Integer> counts = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (Map<String, String> taskConfig : configs) {
            List<SourceRecord> records = drain(startTask(taskConfig, new FakeSourceContext(taskConfig)));
            counts.add(records.size());
            records.forEach(r -> ids.add(((Struct) r.value()).get("id")));
        }
        assertThat(counts).containsExactly(4, 3, 3);
        assertThat(ids).hasSize(10).doesNotHaveDuplicates();
        assertThat(configs).extracting(c -> c.get("seed")).containsOnly(configs.get(0).get("seed"));
    }

    @Test
    void shouldUseUnknownKeyForTheConfiguredShareOfPayments() throws Exception {
        Map<String, String> taskConfig = taskConfigs(
                config("iterations", "10000", "seed", "1", "unknown.customer.ratio", "0.25", "customers", "20"), 1)
                .get(0);
        List<SourceRecord> records = drain(startTask(taskConfig, new FakeSourceContext(taskConfig)));
        long unknown = records.stream().filter(r -> r.key().equals("unknown")).count();
        assertThat(unknown).isBetween(2200L, 2800L);
        assertThat(records).allSatisfy(r -> {
            Struct value = (Struct) r.value();
            assertThat(value.get("customer")).isEqualTo(r.key());
            assertThat((String) r.key()).matches("unknown|customer-(1?[0-9])");
            assertThat((Double) value.get("amount")).isBetween(0.01, 1000.0);
        });
    }

    @Test
    void shouldProduceValuesJsonConverterWritesWithAndWithoutSchemas() throws Exception {
        Map<String, String> taskConfig = taskConfigs(config("iterations", "1", "seed", "3"), 1).get(0);
        SourceRecord record = drain(startTask(taskConfig, new FakeSourceContext(taskConfig))).get(0);
        for (boolean schemas : new boolean[] {true, false}) {
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", Boolean.toString(schemas), "converter.type", "value"));
            String json = new String(converter.fromConnectData("payments", record.valueSchema(), record.value()),
                    StandardCharsets.UTF_8);
            assertThat(json).contains("\"id\":\"pay-0-0\"", "\"currency\":", "\"amount\":", "\"timestamp\":");
            assertThat(json.contains("\"schema\"")).isEqualTo(schemas);
        }
    }

    @Test
    void shouldSplitTheRateOverTasksAndRejectTwoPacingSettingsAtOnce() {
        assertThat(new dev.rill.connect.datagen.internal.DatagenConfig(
                config("records.per.second", "1000", "datagen.task.count", "4")).taskRecordsPerSecond())
                .isEqualTo(250.0);
        assertThatThrownBy(() -> new RillDatagenConnector().start(
                config("records.per.second", "10", "max.interval", "100")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("records.per.second=10.0").hasMessageContaining("max.interval=100");
    }

    @Test
    void shouldEmitAtMostOneRecordPerPollWithMaxInterval() throws Exception {
        Map<String, String> taskConfig = taskConfigs(config("iterations", "3", "seed", "3", "max.interval", "1"), 1)
                .get(0);
        DatagenTask task = startTask(taskConfig, new FakeSourceContext(taskConfig));
        int polls = 0;
        int records = 0;
        List<SourceRecord> batch;
        while (records < 3) {
            batch = task.poll();
            polls++;
            if (batch != null) {
                assertThat(batch).hasSize(1);
                records++;
            }
        }
        assertThat(polls).isGreaterThanOrEqualTo(3);
        task.stop();
        assertThat(task.poll()).isNull();
    }
}
