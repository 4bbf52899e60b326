package dev.rill.mirror.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The plugin's version, filtered into {@code version.properties} by the build. */
public final class PluginVersion {
    private static final String VERSION = load();

    private PluginVersion() {
    }

    /** Returns the Maven project version this plugin was built from. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("/dev/rill/mirror/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
