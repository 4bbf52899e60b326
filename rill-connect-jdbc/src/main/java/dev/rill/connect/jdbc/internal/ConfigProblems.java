package dev.rill.connect.jdbc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Problems found while checking a configuration as a whole (combinations of keys), each attached to the
 * key a user should change, so they can be thrown at once or shown per key by REST validation.
 */
public final class ConfigProblems {
    private final Map<String, List<String>> byKey = new LinkedHashMap<>();

    public void add(String key, String message) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    /** Throws one exception listing every problem, if there is any. */
    public void throwIfAny(String what) {
        if (!byKey.isEmpty()) {
            List<String> all = new ArrayList<>();
            byKey.values().forEach(all::addAll);
            throw new InvalidConfigurationException("Invalid " + what + ": " + String.join("; ", all), this);
        }
    }

    /** Adds the problems to the matching keys of a validation result (the REST validate endpoint). */
    public void attachTo(Config config) {
        for (ConfigValue value : config.configValues()) {
            byKey.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
        }
    }

    /**
     * REST validation: {@code perKey} (the result of the connector's per-key checks), plus, when every key passed
     * them, the problems {@code checkWhole} throws for the combination of keys, each attached to the key to change.
     */
    public static Config withCombinedChecks(Config perKey, Runnable checkWhole) {
        boolean keyErrors = perKey.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (!keyErrors) {
            try {
                checkWhole.run();
            } catch (InvalidConfigurationException e) {
                e.problems().attachTo(perKey);
            }
        }
        return perKey;
    }

    /** A configuration that is invalid as a whole; carries the problems by key. */
    public static final class InvalidConfigurationException extends ConfigException {
        private final transient ConfigProblems problems;

        InvalidConfigurationException(String message, ConfigProblems problems) {
            super(message);
            this.problems = problems;
        }

        public ConfigProblems problems() {
            return problems;
        }
    }
}
