package dev.rill.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Memory figures of a Linux process from {@code /proc/<pid>/status}: peak resident set ({@code VmHWM}) and
 * current resident set ({@code VmRSS}).
 */
record ProcStatus(OptionalLong peakRssBytes, OptionalLong rssBytes) {

    static final ProcStatus UNKNOWN = new ProcStatus(OptionalLong.empty(), OptionalLong.empty());

    /** Reads a live process's status; {@link #UNKNOWN} if it has exited or /proc is not available. */
    static ProcStatus of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Parses the text of a {@code /proc/<pid>/status} file; absent fields stay empty. */
    static ProcStatus parse(String status) {
        return new ProcStatus(field(status, "VmHWM"), field(status, "VmRSS"));
    }

    private static OptionalLong field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1] : "B";
                return OptionalLong.of(value * unitBytes(unit, line));
            }
        }
        return OptionalLong.empty();
    }

    private static long unitBytes(String unit, String line) {
        switch (unit.toLowerCase()) {
            case "b": return 1;
            case "kb": return 1024;
            case "mb": return 1024 * 1024;
            case "gb": return 1024L * 1024 * 1024;
            default: throw new IllegalArgumentException("unexpected unit '" + unit + "' in /proc status line '" + line + "'");
        }
    }

    /** The larger of the peak figures of two readings (VmHWM only grows, VmRSS is sampled). */
    long bestPeak() {
        return Math.max(peakRssBytes.orElse(0), rssBytes.orElse(0));
    }
}
