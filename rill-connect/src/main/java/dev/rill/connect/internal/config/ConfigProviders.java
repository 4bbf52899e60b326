package dev.rill.connect.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;

import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;

/**
 * The worker's config providers ({@code config.providers=file,dir,env} with
 * {@code config.providers.<name>.class} and {@code .param.*}, e.g. {@code .param.allowed.paths}); resolves
 * {@code ${provider:path:key}} placeholders in connector configs.
 */
public final class ConfigProviders implements AutoCloseable {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");
    private final Map<String, ConfigProvider> providers;
    private final ConfigTransformer transformer;

    private ConfigProviders(Map<String, ConfigProvider> providers) {
        this.providers = providers;
        this.transformer = new ConfigTransformer(providers);
    }

    /** Instantiates and configures the providers named in {@code config.providers}. */
    public static ConfigProviders create(Map<String, String> workerProps, Plugins plugins) {
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : WorkerConfig.splitList(workerProps.get("config.providers"))) {
            String prefix = "config.providers." + name + ".";
            String className = workerProps.get(prefix + "class");
            if (className == null || className.isBlank()) {
                problems.add(prefix + "class: expected the ConfigProvider class of provider '" + name + "' (e.g. "
                        + "org.apache.kafka.common.config.provider.FileConfigProvider), found no value");
                continue;
            }
            try {
                ConfigProvider p = plugins.newInstance(className.trim(), PluginType.CONFIGPROVIDER,
                        ConfigProvider.class, null);
                Map<String, String> params = new HashMap<>();
                workerProps.forEach((k, v) -> {
                    if (k.startsWith(prefix + "param.")) {
                        params.put(k.substring((prefix + "param.").length()), v);
                    }
                });
                Plugins.runWithLoader(plugins.loaderOf(p), () -> p.configure(params));
                providers.put(name, p);
            } catch (RuntimeException e) {
                problems.add(prefix + "class: cannot create provider '" + name + "' from " + className + ": "
                        + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("Config providers", problems);
        }
        return new ConfigProviders(providers);
    }

    /** The configuration with every placeholder resolved. */
    public Map<String, String> resolve(Map<String, String> config) {
        if (providers.isEmpty() || config.values().stream().noneMatch(v -> v != null && v.contains("${"))) {
            return config;
        }
        return new HashMap<>(transformer.transform(config).data());
    }

    /** True when {@code value} holds a placeholder of a configured provider. */
    public boolean hasPlaceholder(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            if (providers.containsKey(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        providers.values().forEach(p -> {
            try {
                p.close();
            } catch (Exception ignored) {
                // best effort
            }
        });
    }
}
