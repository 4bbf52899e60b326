package dev.rill.connect.file.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads lines from the file and emits them with their end position as the source offset. */
public class FileSourceTask extends SourceTask {
    /** Source partition key, as Apache's FileStreamSource names it. */
    public static final String PARTITION_FILENAME = "filename";
    /** Source offset key: byte position just after the record's line. */
    public static final String OFFSET_POSITION = "position";
    private static final long IDLE_WAIT_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(FileSourceTask.class);

    private final Object idle = new Object();
    private FileSourceConfig config;
    private Map<String, String> partition;
    private LineReader reader;
    private volatile boolean stopping;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FileSourceConfig(props);
        partition = Map.of(PARTITION_FILENAME, config.file());
        long start = storedPosition();
        reader = new LineReader(Path.of(config.file()), start);
        LOG.info("Reading {} from byte position {} into topic {}", config.file(), start, config.topic());
    }

    private long storedPosition() {
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        if (offset == null || offset.get(OFFSET_POSITION) == null) {
            return 0L;
        }
        Object value = offset.get(OFFSET_POSITION);
        if (!(value instanceof Number number)) {
            throw new ConnectException("Stored offset of " + partition + " has " + OFFSET_POSITION + "=" + value
                    + " (" + value.getClass().getSimpleName() + "); expected a number. Reset the connector's"
                    + " offsets (PATCH/DELETE /connectors/<name>/offsets) to read the file again.");
        }
        return number.longValue();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<LineReader.Line> lines = readLines();
        if (lines.isEmpty()) {
            waitForMoreData();
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(lines.size());
        for (LineReader.Line line : lines) {
            records.add(new SourceRecord(partition, Map.of(OFFSET_POSITION, line.endPosition()), config.topic(),
                    null, null, null, Schema.STRING_SCHEMA, line.text()));
        }
        return records;
    }

    /** Reads under the lock that stop() takes to close the file, so a read never races the close. */
    private List<LineReader.Line> readLines() {
        synchronized (idle) {
            if (stopping) {
                return List.of();
            }
            try {
                return reader.read(config.batchSize());
            } catch (IOException e) {
                throw new ConnectException("Could not read " + config.file() + " at byte position "
                        + reader.position() + ": " + e.getMessage(), e);
            }
        }
    }

    private void waitForMoreData() throws InterruptedException {
        synchronized (idle) {
            if (!stopping) {
                idle.wait(IDLE_WAIT_MS);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (idle) {
            stopping = true;
            idle.notifyAll();
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    LOG.warn("Could not close {}", config.file(), e);
                }
            }
        }
    }
}
