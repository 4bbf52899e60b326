package dev.rill.connect.file.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one line per record value. Values are written with {@code toString()}, except byte arrays and
 * byte buffers, which are decoded as UTF-8. Tombstones (null values) carry no line and are skipped.
 */
public class FileSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(FileSinkTask.class);

    private FileSinkConfig config;
    private FileChannel channel;
    private BufferedWriter writer;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FileSinkConfig(props);
        try {
            Path path = Path.of(config.file()).toAbsolutePath();
            if (path.getParent() != null) {
                java.nio.file.Files.createDirectories(path.getParent());
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), 64 * 1024);
        } catch (IOException e) {
            throw new ConnectException("Could not open " + config.file() + " for appending: " + e.getMessage()
                    + ". Check that the directory exists and the worker may write to it.", e);
        }
        LOG.info("Appending record values to {}", config.file());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            for (SinkRecord record : records) {
                Object value = record.value();
                if (value == null) {
                    continue;
                }
                writer.write(text(value));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new ConnectException("Could not write to " + config.file() + ": " + e.getMessage(), e);
        }
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return value.toString();
    }

    /** Writes buffered lines and forces them to disk before the worker commits the consumed offsets. */
    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            writer.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new ConnectException("Could not flush " + config.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("Could not close {}", config.file(), e);
        }
    }
}
