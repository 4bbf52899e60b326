package dev.rill.bench.scenarios;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Follows a file a FileStreamSink appends to, one value per line: reads only what was appended since the last look,
 * and counts the distinct expected values seen (a sink that redelivers after a failover writes some lines twice).
 * A line still being written (no newline yet) waits for the next look.
 */
final class SinkFileTail {
    private final Path file;
    private final Set<String> expected;
    private final Set<String> seen = new HashSet<>();
    private long position;
    private long lines;
    private final StringBuilder partial = new StringBuilder();

    SinkFileTail(Path file, Set<String> expected) {
        this.file = file;
        this.expected = expected;
    }

    /** Reads what was appended since the last call. */
    void poll() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return;
            }
            byte[] chunk = new byte[(int) Math.min(length - position, 8 << 20)];
            in.seek(position);
            in.readFully(chunk);
            position += chunk.length;
            partial.append(new String(chunk, StandardCharsets.UTF_8));
        }
        int start = 0;
        for (int newline = partial.indexOf("\n"); newline >= 0; newline = partial.indexOf("\n", start)) {
            String line = partial.substring(start, newline);
            lines++;
            if (expected.contains(line)) {
                seen.add(line);
            }
            start = newline + 1;
        }
        partial.delete(0, start);
    }

    /** Distinct expected values seen so far. */
    long distinct() {
        return seen.size();
    }

    /** Lines read so far, repeated ones included. */
    long lines() {
        return lines;
    }

    /** Expected values not (yet) seen. */
    long missing() {
        return expected.size() - seen.size();
    }

    long expectedCount() {
        return expected.size();
    }

    Path file() {
        return file;
    }
}
