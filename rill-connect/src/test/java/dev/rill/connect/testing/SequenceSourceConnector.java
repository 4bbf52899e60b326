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
 * task that moves or restarts goes on after its last flushed record (at-least-once: no gap, maybe repeats). With
 * {@code record.dir}, a running task instance keeps a marker file {@code <connector>-<task>-<pid>-<id>.running} there,
 * as {@link RecordingSinkConnector}'s tasks do, so a test can count the instances of each task across JVMs.
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
        private java.nio.file.Path marker;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
            name = "t" + props.get("task.number");
            partition = Map.of("task", name);
            batch = Integer.parseInt(props.getOrDefault("batch.size", "10"));
            intervalMs = Long.parseLong(props.getOrDefault("interval.ms", "20"));
            Map<String, Object> offset = context.offsetStorageReader().offset(partition);
            next = offset == null ? 0 : ((Number) offset.get("seq")).longValue() + 1;
            if (props.get("record.dir") != null) {
                java.nio.file.Path dir = java.nio.file.Path.of(props.get("record.dir"));
                marker = dir.resolve(props.get("name") + "-" + props.get("task.number") + "-"
                        + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                        + ".running");
                try {
                    java.nio.file.Files.createDirectories(dir);
                    java.nio.file.Files.writeString(marker, "");
                } catch (java.io.IOException e) {
                    throw new org.apache.kafka.connect.errors.ConnectException(e);
                }
            }
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
            if (marker != null) {
                try {
                    java.nio.file.Files.deleteIfExists(marker);
                } catch (java.io.IOException e) {
                    throw new org.apache.kafka.connect.errors.ConnectException(e);
                }
            }
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
