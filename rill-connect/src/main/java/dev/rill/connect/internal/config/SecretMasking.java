package dev.rill.connect.internal.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.types.Password;

/**
 * Hides secrets in the configs the REST API returns: the value of every PASSWORD-type key of a connector shows as
 * {@code [hidden]}, as in Kafka Connect, unless it is a {@code ${provider:path:key}} placeholder (which reveals
 * nothing and is what the user wrote). Which keys are passwords is learnt when a config is validated.
 */
public final class SecretMasking {
    private final ConfigProviders providers;
    private final Map<String, Set<String>> passwordKeys = new ConcurrentHashMap<>();

    public SecretMasking(ConfigProviders providers) {
        this.providers = providers;
    }

    /** Remembers the password keys of a connector's latest validated config. */
    public void passwordKeys(String connector, Set<String> keys) {
        passwordKeys.put(connector, Set.copyOf(keys));
    }

    public boolean knows(String connector) {
        return passwordKeys.containsKey(connector);
    }

    public void forget(String connector) {
        passwordKeys.remove(connector);
    }

    /** A sorted copy of {@code config} with the connector's password values hidden. */
    public Map<String, String> masked(String connector, Map<String, String> config) {
        Set<String> passwords = passwordKeys.getOrDefault(connector, Set.of());
        Map<String, String> out = new TreeMap<>(config);
        for (String k : passwords) {
            String v = out.get(k);
            if (v != null && !providers.hasPlaceholder(v)) {
                out.put(k, Password.HIDDEN);
            }
        }
        return out;
    }
}
