package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectClientException;
import dev.rill.cli.rest.Json;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A connector's name and config read from a file, in the forms Kafka Connect users already have:
 * {@code connector.properties} (as {@code connect-standalone.sh} takes), a JSON {@code {"name": …, "config": {…}}}
 * (as {@code POST /connectors} takes) or a flat JSON map (as {@code PUT /connectors/NAME/config} takes).
 * {@code -} reads standard input; its form is told by its first character.
 */
record ConnectorConfigFile(String source, String name, Map<String, String> config) {

    /** Reads {@code file}; the config always holds {@code name} when the file names the connector. */
    static ConnectorConfigFile read(String file, InputStream stdin) {
        String text = readText(file, stdin);
        boolean json = file.endsWith(".json") || text.stripLeading().startsWith("{");
        Map<String, String> config = json ? fromJson(file, text) : fromProperties(file, text);
        return new ConnectorConfigFile(file, config.get("name"), config);
    }

    /** The name, or a failure saying how to give one. */
    String requireName() {
        if (name == null || name.isBlank()) {
            throw new ConnectClientException(source + " does not name the connector: add name=… (properties) or "
                    + "\"name\": \"…\" (JSON)");
        }
        return name;
    }

    /** The connector class, or a failure saying how to give one. */
    String requireConnectorClass() {
        String connectorClass = config.get("connector.class");
        if (connectorClass == null || connectorClass.isBlank()) {
            throw new ConnectClientException(source + " has no connector.class: add the connector's class or alias "
                    + "(see 'rill connectors plugins')");
        }
        return connectorClass;
    }

    private static String readText(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectClientException("cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): expected a connector config, .properties or .json; check the path", e);
        }
    }

    private static Map<String, String> fromProperties(String file, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConnectClientException(file + " is not a valid properties file: " + e.getMessage(), e);
        }
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key).strip()));
        return config;
    }

    private static Map<String, String> fromJson(String file, String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new ConnectClientException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new ConnectClientException(file + " must hold a JSON object, {\"name\": …, \"config\": {…}} or a "
                    + "flat map of config keys");
        }
        Map<String, String> config;
        if (map.get("config") instanceof Map<?, ?> nested) {
            config = strings(file, nested);
            Object name = map.get("name");
            if (name != null) {
                String previous = config.putIfAbsent("name", name.toString());
                if (previous != null && !previous.equals(name.toString())) {
                    throw new ConnectClientException(file + " names the connector twice, \"" + name + "\" and \""
                            + previous + "\" in its config: keep one");
                }
            }
        } else {
            config = strings(file, map);
        }
        return config;
    }

    private static Map<String, String> strings(String file, Map<?, ?> raw) {
        Map<String, String> config = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (value == null || value instanceof Map || value instanceof Iterable) {
                throw new ConnectClientException(file + ": the value of \"" + key + "\" must be a string, found "
                        + (value == null ? "null" : Json.compact(value)));
            }
            config.put(key.toString(), value.toString());
        });
        return config;
    }
}
