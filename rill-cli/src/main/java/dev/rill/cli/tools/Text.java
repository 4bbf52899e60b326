package dev.rill.cli.tools;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Parsing of the small text arguments the tools share: separators with escapes and points in time. */
final class Text {

    private Text() {
    }

    /** {@code \t}, {@code \n}, {@code \r} and {@code \\} in a separator or format stand for tab, newline, CR, backslash. */
    static String unescape(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                switch (next) {
                    case 't': result.append('\t'); i++; continue;
                    case 'n': result.append('\n'); i++; continue;
                    case 'r': result.append('\r'); i++; continue;
                    case '\\': result.append('\\'); i++; continue;
                    default: break;
                }
            }
            result.append(c);
        }
        return result.toString();
    }

    /**
     * A point in time as epoch milliseconds: digits are taken as epoch milliseconds, otherwise ISO-8601 with a zone
     * ({@code 2026-12-05T08:00:00Z}, {@code 2026-12-05T09:00:00+01:00}) or without one (local time).
     */
    static long epochMillis(String text, String option) {
        String trimmed = text.strip();
        if (trimmed.matches("\\d+")) {
            return Long.parseLong(trimmed);
        }
        try {
            return Instant.parse(trimmed).toEpochMilli();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(trimmed).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " expects epoch milliseconds or an ISO-8601 date-time such "
                    + "as 2026-12-05T08:00:00Z or 2026-12-05T09:00:00 (local time), but was '" + text + "'");
        }
    }
}
