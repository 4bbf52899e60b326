package dev.rill.streams.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The commit-metadata string that carries a task's processor metadata with its input offsets:
 * {@code rill-pm1;<key>=<value>;...} with keys percent-encoded. Metadata that is not in this form (an empty string,
 * another tool's) reads as none.
 */
final class ProcessorMetadataCodec {
    private static final String PREFIX = "rill-pm1;";
    /** The reserved key of the metadata's version (a commit counter). */
    static final String VERSION = "~version";

    private ProcessorMetadataCodec() {
    }

    static String encode(Map<String, Long> metadata) {
        if (metadata.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(PREFIX);
        metadata.forEach((k, v) -> b.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(v).append(';'));
        return b.toString();
    }

    static Map<String, Long> decode(String metadata) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return out;
        }
        for (String pair : metadata.substring(PREFIX.length()).split(";")) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        Long.parseLong(pair.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                // not ours: ignore the pair
            }
        }
        return out;
    }
}
