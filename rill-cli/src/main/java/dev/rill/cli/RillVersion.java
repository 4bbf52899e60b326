package dev.rill.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Rill's version and the Apache Kafka version it is built on, from the build's filtered resource. */
final class RillVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties props = load();
        return new String[] {"rill " + props.getProperty("version"),
                "Apache Kafka " + props.getProperty("kafka.version") + ", Java " + System.getProperty("java.version")};
    }

    static String kafkaVersion() {
        return load().getProperty("kafka.version");
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = RillVersion.class.getResourceAsStream("/rill-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
