package dev.rill.connect.internal.config;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

import dev.rill.connect.internal.plugins.PluginNotFoundException;
import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;

/**
 * The part of worker config checking that needs the discovered plugins: the converter, header converter and config
 * provider classes the worker config names must exist (on the worker classpath or on {@code plugin.path}). Each is
 * looked up exactly as the worker will use it later, so a name accepted here works there.
 */
public final class WorkerClassCheck {
    private WorkerClassCheck() {
    }

    /** Every class named by {@code config} that cannot be loaded, as a problem for {@link InvalidConfigException}. */
    public static List<String> problems(WorkerConfig config, Plugins plugins) {
        List<String> problems = new ArrayList<>();
        check(problems, plugins, WorkerConfig.KEY_CONVERTER, config.keyConverter(), PluginType.CONVERTER,
                Converter.class);
        check(problems, plugins, WorkerConfig.VALUE_CONVERTER, config.valueConverter(), PluginType.CONVERTER,
                Converter.class);
        check(problems, plugins, WorkerConfig.HEADER_CONVERTER, config.headerConverter(),
                PluginType.HEADER_CONVERTER, HeaderConverter.class);
        for (String provider : WorkerConfig.splitList(config.originals().get(WorkerConfig.CONFIG_PROVIDERS))) {
            String key = WorkerConfig.CONFIG_PROVIDERS + "." + provider + ".class";
            String className = config.originals().get(key);
            if (className == null || className.isBlank()) {
                problems.add(key + ": expected the ConfigProvider class of provider '" + provider + "' (e.g. "
                        + "org.apache.kafka.common.config.provider.FileConfigProvider), found no value");
            } else {
                check(problems, plugins, key, className.trim(), PluginType.CONFIGPROVIDER, ConfigProvider.class);
            }
        }
        return problems;
    }

    private static void check(List<String> problems, Plugins plugins, String key, String className, PluginType type,
                              Class<?> expected) {
        if (className.contains("${")) {
            return; // resolved by a config provider later
        }
        try {
            Object instance = plugins.newInstance(className, type, expected, null);
            if (instance instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (PluginNotFoundException e) {
            problems.add(key + ": " + e.getMessage());
        } catch (Exception closing) {
            // the class exists; a failure to close the probe instance is not a config problem
        }
    }
}
