package dev.rill.connect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A test source that never ends: task {@code n} writes {@code t<n>-<seq>} (key {@code t<n>}) to {@code topic}, seq
 * counting up from 0, {@code batch.size} records every {@code interval.ms}; its source offset is the last seq, so a
 * task that moves or restarts goes on after its last flushed record (at-least-once: no gap, maybe repeats).
 */
public class SequenceSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SequenceSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> c = new HashMap<>(props);
            c.put("task.number", Integer.toString(i));
            out.add(c);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Where the records go")
                .define("batch.size", ConfigDef.Type.INT, 10, ConfigDef.Importance.LOW, "Records per poll")
                .define("interval.ms", ConfigDef.Type.LONG, 20L, ConfigDef.Importance.LOW, "Pause between polls");
    }

    @Override
    public String version() {
        return "test";
    }

    /** Its offsets say exactly where a task resumes, so it supports exactly-once delivery. */
    @Override
    public org.apache.kafka.connect.source.ExactlyOnceSupport exactlyOnceSupport(Map<String, String> config) {
        return org.apache.kafka.connect.source.ExactlyOnceSupport.SUPPORTED;
    }

    public static class SequenceSourceTask extends SourceTask {
        private String topic;
        private String name;
        private Map<String, Object> partition;
        private int batch;
        private long intervalMs;
        private long next;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
            name = "t" + props.get("task.number");
            partition = Map.of("task", name);
            batch = Integer.parseInt(props.getOrDefault("batch.size", "10"));
            intervalMs = Long.parseLong(props.getOrDefault("interval.ms", "20"));
            Map<String, Object> offset = context.offsetStorageReader().offset(partition);
            next = offset == null ? 0 : ((Number) offset.get("seq")).longValue() + 1;
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            Thread.sleep(intervalMs);
            List<SourceRecord> out = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++, next++) {
                out.add(new SourceRecord(partition, Map.of("seq", next), topic, null, Schema.STRING_SCHEMA, name,
                        Schema.STRING_SCHEMA, name + "-" + next));
            }
            return out;
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
