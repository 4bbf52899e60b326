package dev.rill.streams.internal.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's process id, kept in {@code <state.dir>/<application.id>/}{@value #FILE_NAME} so that a restart on
 * the same state directory uses the same id — and so the same producer {@code transactional.id}s
 * ({@code <application.id>-<process id>-<thread index>}). Under exactly-once that lets the restarted producer's
 * {@code initTransactions} fence the crashed one and abort its open transaction at once, instead of leaving it to
 * block the partitions' committed offsets until {@code transaction.timeout.ms} passes on the broker.
 *
 * <p>The file is locked while the instance lives: two live instances must never share transactional ids (they would
 * fence each other in a loop), so an instance that finds the file locked — another instance, in this JVM or another,
 * uses the same state directory — takes a fresh random id, as an instance without local state does.
 */
final class ProcessIdFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessIdFile.class);
    static final String FILE_NAME = "rill-process.id";

    private final String processId;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessIdFile(String processId, FileChannel channel, FileLock lock) {
        this.processId = processId;
        this.channel = channel;
        this.lock = lock;
    }

    /** A random process id, kept nowhere (an instance without local state). */
    static ProcessIdFile random() {
        return new ProcessIdFile(UUID.randomUUID().toString(), null, null);
    }

    /** The process id stored in {@code appDir}, written there first if there is none (or it is unreadable). */
    static ProcessIdFile acquire(Path appDir) {
        Path file = appDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(appDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                LOG.warn("{} is locked: another instance uses this state directory; this one takes a new process id, "
                        + "so its transactional ids differ from any earlier run's", file);
                return random();
            }
            String id = read(channel);
            if (id == null) {
                id = UUID.randomUUID().toString();
                write(channel, id);
                LOG.info("New process id {} stored in {}", id, file);
            } else {
                LOG.info("Process id {} read from {}", id, file);
            }
            return new ProcessIdFile(id, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            LOG.warn("Cannot keep the process id in {} ({}); using a new one for this run", file, e.toString());
            return random();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another instance in this JVM
        }
    }

    /** The stored id, or null if the file is empty or does not hold a UUID. */
    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(128);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void write(FileChannel channel, String id) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    String processId() {
        return processId;
    }

    /** Releases the file for the next run (or another instance). */
    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Releasing the lock of the process id file failed", e);
            }
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing the process id file failed", e);
            }
        }
    }
}
