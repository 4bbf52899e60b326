package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks at construction that {@code state.dir} can hold the instance's state: a directory (created if missing) in
 * which {@code <application.id>} can be created and written. Without this check an unusable directory would surface
 * only when the first task with a store is assigned, as a failed stream thread.
 */
public final class StateDirectoryCheck {
    private StateDirectoryCheck() {
    }

    /** Creates {@code <state.dir>/<application.id>} if needed and proves it writable; throws with advice if not. */
    public static void requireUsable(StreamsConfig config) {
        Path base = Path.of(config.stateDir()).toAbsolutePath();
        if (Files.exists(base) && !Files.isDirectory(base)) {
            throw unusable(base, "is a file, not a directory");
        }
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw unusable(base, "does not exist and cannot be created (" + describe(e) + ")");
        }
        Path app = base.resolve(config.applicationId());
        if (Files.exists(app) && !Files.isDirectory(app)) {
            throw unusable(base, "holds a file " + app.getFileName() + " where the directory of application.id="
                    + config.applicationId() + " belongs");
        }
        try {
            Files.createDirectories(app);
            Files.delete(Files.createTempFile(app, ".rill-write-check-", ""));
        } catch (IOException e) {
            throw unusable(base, "is not writable by this process (" + describe(e) + ")");
        }
    }

    private static StreamsException unusable(Path dir, String problem) {
        return new StreamsException(StreamsConfig.STATE_DIR_CONFIG + "=" + dir + " " + problem + ". Rill keeps the"
                + " topology's state stores and their checkpoints under state.dir; set state.dir to a directory this"
                + " process can create and write, or fix the permissions of this one.");
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
