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
            out.add(props);
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
                .define("secret.token", ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW, "A password");
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

        @Override
        public void start(Map<String, String> props) {
            name = props.get("name");
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
