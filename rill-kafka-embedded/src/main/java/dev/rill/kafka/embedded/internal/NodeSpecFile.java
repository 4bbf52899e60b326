package dev.rill.kafka.embedded.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Hands a {@link NodeSpec} to a child JVM as a properties file next to the node's directory. */
final class NodeSpecFile {

    private static final String OVERRIDE_PREFIX = "override.";

    private NodeSpecFile() {
    }

    static Path write(NodeSpec spec) throws IOException {
        Properties props = new Properties();
        props.setProperty("id", Integer.toString(spec.id()));
        props.setProperty("role", spec.role().name());
        props.setProperty("clientPort", Integer.toString(spec.clientPort()));
        props.setProperty("controllerPort", Integer.toString(spec.controllerPort()));
        props.setProperty("directory", spec.directory().toAbsolutePath().toString());
        props.setProperty("clusterId", spec.clusterId());
        props.setProperty("quorumVoters", spec.quorumVoters());
        props.setProperty("brokerCount", Integer.toString(spec.brokerCount()));
        spec.overrides().forEach((key, value) -> props.setProperty(OVERRIDE_PREFIX + key, value));
        Files.createDirectories(spec.directory().getParent());
        Path file = spec.directory().resolveSibling("node-" + spec.id() + ".spec");
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, "Rill embedded Kafka node");
        }
        return file;
    }

    static NodeSpec read(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        Map<String, String> overrides = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(OVERRIDE_PREFIX)) {
                overrides.put(key.substring(OVERRIDE_PREFIX.length()), props.getProperty(key));
            }
        }
        return new NodeSpec(Integer.parseInt(props.getProperty("id")), NodeRole.valueOf(props.getProperty("role")),
                Integer.parseInt(props.getProperty("clientPort")), Integer.parseInt(props.getProperty("controllerPort")),
                Path.of(props.getProperty("directory")), props.getProperty("clusterId"),
                props.getProperty("quorumVoters"), Integer.parseInt(props.getProperty("brokerCount")), overrides);
    }
}
