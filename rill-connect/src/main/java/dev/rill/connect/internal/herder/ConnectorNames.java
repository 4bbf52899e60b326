package dev.rill.connect.internal.herder;

import java.nio.charset.StandardCharsets;

/**
 * The rule for connector names, checked before a connector is created, so that every accepted name can be used in
 * the REST API's paths afterwards: not empty, no leading or trailing whitespace, no control characters (a newline
 * would break logs and HTTP headers such as {@code Location}), and at most {@value #MAX_UTF8_BYTES} bytes in UTF-8
 * (percent-encoded in a URL it stays far below the HTTP server's 8 KiB request-line limit).
 */
public final class ConnectorNames {
    /** The longest name accepted, in UTF-8 bytes. */
    public static final int MAX_UTF8_BYTES = 1024;

    private ConnectorNames() {
    }

    /** Throws a 400 {@link RequestException} saying what is wrong with {@code name}, if anything. */
    public static void requireValid(String name) {
        if (name == null || name.isBlank()) {
            throw RequestException.badRequest("Connector name must not be empty; give it as \"name\"");
        }
        if (!name.equals(name.strip())) {
            throw RequestException.badRequest("Connector name '" + name + "' has leading or trailing whitespace; "
                    + "remove it");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw RequestException.badRequest(String.format("Connector name contains the control character "
                        + "U+%04X at position %d; use printable characters only (found '%s')", (int) c, i,
                        printable(name)));
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_UTF8_BYTES) {
            throw RequestException.badRequest("Connector name is " + bytes + " bytes long in UTF-8; the limit is "
                    + MAX_UTF8_BYTES + " bytes, so that the name fits in REST API paths. Choose a shorter name "
                    + "(it starts with '" + name.substring(0, 40) + "')");
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 200; i++) {
            char c = name.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
