package dev.rill.connect.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A test sink that records the values it receives per connector name. Values containing {@code report.on} are
 * handed to the errant record reporter; a value equal to {@code fail.on} makes put() throw.
 */
public class RecordingSinkConnector extends SinkConnector {
    public static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();

    private Map<String, String> props;

    public static List<String> received(String connector) {
        return RECEIVED.computeIfAbsent(connector, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RecordingSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            if (props.containsKey("record.dir")) {
                // tasks that record to files name them after their number
                Map<String, String> c = new java.util.HashMap<>(props);
                c.put("task.number", Integer.toString(i));
                out.add(c);
            } else {
                out.add(props);
            }
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define("report.on", ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "Values to report as errant")
                .define("fail.on", ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "Value that fails put()")
                .define("retriable.on", ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "Value put() retries")
                .define("retriable.times", ConfigDef.Type.INT, 0, ConfigDef.Importance.LOW, "How many retries")
                .define("start.offset", ConfigDef.Type.LONG, -1L, ConfigDef.Importance.LOW, "Offset set in open()")
                .define("secret.token", ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW, "A password")
                .define("record.dir", ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW, "Directory where each "
                        + "task instance appends the values it receives (<name>-<task>-<instance>.values) and keeps a "
                        + "<name>-<task>-<instance>.running marker while it runs: visible across JVMs");
    }

    @Override
    public String version() {
        return "test";
    }

    /** The task of {@link RecordingSinkConnector}. */
    public static class RecordingSinkTask extends SinkTask {
        private String name;
        private String reportOn;
        private String failOn;
        private String retriableOn;
        private int retriesLeft;
        private long startOffset;
        private java.nio.file.Path values;
        private java.nio.file.Path marker;

        @Override
        public void start(Map<String, String> props) {
            name = props.get("name");
            if (props.get("record.dir") != null) {
                String instance = name + "-" + props.get("task.number") + "-" + ProcessHandle.current().pid() + "-"
                        + java.util.UUID.randomUUID().toString().substring(0, 8);
                java.nio.file.Path dir = java.nio.file.Path.of(props.get("record.dir"));
                values = dir.resolve(instance + ".values");
                marker = dir.resolve(instance + ".running");
                try {
                    java.nio.file.Files.createDirectories(dir);
                    java.nio.file.Files.writeString(marker, "");
                } catch (java.io.IOException e) {
                    throw new ConnectException(e);
                }
            }
            reportOn = props.getOrDefault("report.on", "");
            failOn = props.getOrDefault("fail.on", "");
            retriableOn = props.getOrDefault("retriable.on", "");
            retriesLeft = Integer.parseInt(props.getOrDefault("retriable.times", "0"));
            startOffset = Long.parseLong(props.getOrDefault("start.offset", "-1"));
        }

        @Override
        public void open(Collection<org.apache.kafka.common.TopicPartition> partitions) {
            if (startOffset >= 0) {
                for (org.apache.kafka.common.TopicPartition tp : partitions) {
                    context.offset(tp, startOffset);
                }
            }
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            if (retriesLeft > 0 && records.stream().anyMatch(r -> String.valueOf(r.value()).equals(retriableOn))) {
                retriesLeft--;
                context.timeout(50);
                throw new org.apache.kafka.connect.errors.RetriableException("not ready for " + retriableOn);
            }
            for (SinkRecord r : records) {
                String v = String.valueOf(r.value());
                if (!failOn.isEmpty() && v.equals(failOn)) {
                    throw new ConnectException("put() refused record " + v);
                }
                if (!reportOn.isEmpty() && v.contains(reportOn)) {
                    context.errantRecordReporter().report(r, new IllegalArgumentException("rejected " + v));
                    continue;
                }
                received(name).add(v);
            }
            if (values != null && !records.isEmpty()) {
                StringBuilder lines = new StringBuilder();
                records.forEach(r -> lines.append(r.value()).append('\n'));
                try {
                    java.nio.file.Files.writeString(values, lines, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new ConnectException(e);
                }
            }
        }

        @Override
        public void stop() {
            if (marker != null) {
                try {
                    java.nio.file.Files.deleteIfExists(marker);
                } catch (java.io.IOException e) {
                    throw new ConnectException(e);
                }
            }
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
