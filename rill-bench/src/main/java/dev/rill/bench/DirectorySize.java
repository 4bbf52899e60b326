package dev.rill.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/** The size of a directory tree on disk (a side's state directory after its run), and its removal. */
public final class DirectorySize {

    private DirectorySize() {
    }

    /** The sum of the sizes of the regular files under {@code dir}; 0 when it does not exist. */
    public static long bytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(DirectorySize::sizeIfRegular).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@link #bytes} in MiB. */
    public static double mebibytes(Path dir) throws IOException {
        return bytes(dir) / (1024.0 * 1024.0);
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long sizeIfRegular(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
