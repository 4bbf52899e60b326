package dev.rill.connect.internal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads worker and connector configuration files: Java properties, or JSON ({@code {name, config}} or flat). */
public final class ConfigFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigFiles() {
    }

    public static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read properties file " + file + ": " + e.getMessage()
                    + "; check the path and permissions", e);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** A connector config from a .properties or .json file. */
    public static Map<String, String> readConnectorConfig(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        if (!name.endsWith(".json")) {
            return readProperties(file);
        }
        Object parsed;
        try {
            parsed = MAPPER.readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Connector file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Connector file " + file + " must hold a JSON object: either "
                    + "{\"name\": ..., \"config\": {...}} or a flat map of config keys");
        }
        Map<String, String> out = new HashMap<>();
        if (map.get("config") instanceof Map<?, ?> config) {
            config.forEach((k, v) -> out.put(k.toString(), v == null ? null : v.toString()));
            if (map.get("name") != null) {
                Object inConfig = out.get("name");
                if (inConfig != null && !inConfig.equals(map.get("name").toString())) {
                    throw new IllegalArgumentException("Connector file " + file + " names the connector '"
                            + map.get("name") + "' but its config says name='" + inConfig + "'; make them equal");
                }
                out.put("name", map.get("name").toString());
            }
        } else {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    throw new IllegalArgumentException("Connector file " + file + ": key '" + e.getKey()
                            + "' must have a string value");
                }
                out.put(e.getKey().toString(), e.getValue() == null ? null : e.getValue().toString());
            }
        }
        return out;
    }
}
