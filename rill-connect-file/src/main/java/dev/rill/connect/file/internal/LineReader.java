package dev.rill.connect.file.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads complete lines from a file that may grow, starting at a byte position.
 *
 * <p>Only lines terminated by {@code \n} are returned: a line still being written stays unread until its
 * newline arrives, so a position is always the start of a line and a restart never splits one. A trailing
 * {@code \r} is dropped. If the file becomes shorter than the position (truncated or replaced), reading
 * starts again at position 0.
 */
public final class LineReader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LineReader.class);
    private static final int CHUNK = 64 * 1024;

    /** One complete line and the byte position just after its newline. */
    public record Line(String text, long endPosition) {
    }

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private FileChannel channel;
    private long position;
    private byte[] partial = new byte[256];
    private int partialLength;

    public LineReader(Path path, long startPosition) {
        if (startPosition < 0) {
            throw new IllegalArgumentException("start position must be >= 0, was " + startPosition);
        }
        this.path = path;
        this.position = startPosition;
    }

    /** Returns the position of the first byte not yet returned as part of a line. */
    public long position() {
        return position;
    }

    /** Reads up to {@code maxLines} complete lines; an empty list when there is nothing new. */
    public List<Line> read(int maxLines) throws IOException {
        if (!open()) {
            return List.of();
        }
        if (channel.size() < position) {
            LOG.warn("File {} is now {} bytes, shorter than the stored position {}: it was truncated or replaced;"
                    + " reading it again from the start", path, channel.size(), position);
            position = 0;
            partialLength = 0;
        }
        List<Line> lines = new ArrayList<>();
        long readPosition = position + partialLength;
        while (lines.size() < maxLines) {
            buffer.clear();
            int n = channel.read(buffer, readPosition);
            if (n <= 0) {
                break;
            }
            readPosition += n;
            buffer.flip();
            while (buffer.hasRemaining() && lines.size() < maxLines) {
                byte b = buffer.get();
                if (b == '\n') {
                    lines.add(completeLine());
                } else {
                    append(b);
                }
            }
            if (lines.size() >= maxLines) {
                break; // bytes left in the buffer are read again next time, from position + partialLength
            }
        }
        return lines;
    }

    private Line completeLine() {
        int length = partialLength;
        if (length > 0 && partial[length - 1] == '\r') {
            length--;
        }
        String text = new String(partial, 0, length, StandardCharsets.UTF_8);
        position += partialLength + 1;
        partialLength = 0;
        return new Line(text, position);
    }

    private void append(byte b) {
        if (partialLength == partial.length) {
            partial = Arrays.copyOf(partial, partial.length * 2);
        }
        partial[partialLength++] = b;
    }

    private boolean open() throws IOException {
        if (channel != null) {
            return true;
        }
        if (!Files.exists(path)) {
            return false;
        }
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
