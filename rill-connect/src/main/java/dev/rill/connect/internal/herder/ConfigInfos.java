package dev.rill.connect.internal.herder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The result of validating a connector config, typed: every key's definition and value with its errors, in the
 * order Kafka Connect reports them. The REST layer renders it as Kafka Connect's ConfigInfos JSON.
 *
 * @param name         the connector class as requested (or the plugin's class name)
 * @param passwordKeys the keys of type PASSWORD, whose values are masked when the config is shown
 */
public record ConfigInfos(String name, int errorCount, List<String> groups, List<ConfigInfo> configs,
                          Set<String> passwordKeys) {

    /** One key: its definition (null for keys no definition covers) and its value. */
    public record ConfigInfo(ConfigKeyInfo definition, ConfigValueInfo value) {
    }

    /** A key's definition, as Kafka Connect's ConfigKeyInfo; {@code defaultValue} null when there is none. */
    public record ConfigKeyInfo(String name, String type, boolean required, String defaultValue, String importance,
                                String documentation, String group, int orderInGroup, String width,
                                String displayName, List<String> dependents) {

        /** The same definition with another default value. */
        public ConfigKeyInfo withDefaultValue(String value) {
            return new ConfigKeyInfo(name, type, required, value, importance, documentation, group, orderInGroup,
                    width, displayName, dependents);
        }
    }

    /** A key's value as given (masked for passwords), the values it could take, and its errors. */
    public record ConfigValueInfo(String name, String value, List<String> recommendedValues, List<String> errors,
                                  boolean visible) {
    }

    /** Every error message, prefixed by its key, for a 400 response. */
    public List<String> errorMessages() {
        List<String> out = new ArrayList<>();
        for (ConfigInfo c : configs) {
            for (String e : c.value().errors()) {
                out.add(c.value().name() + ": " + e);
            }
        }
        return out;
    }
}
