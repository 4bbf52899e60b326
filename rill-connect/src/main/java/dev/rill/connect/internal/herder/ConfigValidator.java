package dev.rill.connect.internal.herder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import dev.rill.connect.internal.config.ConnectorConfig;
import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.runtime.Worker;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Validates a connector configuration the way {@code PUT /connector-plugins/{p}/config/validate} reports it:
 * framework keys, transformation and predicate keys, and the connector's own {@code validate()}, each key with
 * its definition and its errors.
 */
public final class ConfigValidator {
    private final Plugins plugins;
    private final Worker worker;

    public ConfigValidator(Plugins plugins, Worker worker) {
        this.plugins = plugins;
        this.worker = worker;
    }

    /** Validates {@code props} (already resolved); {@code connectorClass} names the plugin. */
    public ConfigInfos validate(PluginDesc plugin, Map<String, String> props) {
        boolean sink = plugin.type() == PluginType.SINK;
        ConfigDef framework = sink ? ConnectorConfigDefs.sink() : ConnectorConfigDefs.source();
        ConfigDef enriched = new ConfigDef(framework);
        enrichDefaults(enriched, plugin, props);
        List<String> groups = new ArrayList<>(List.of(ConnectorConfigDefs.COMMON_GROUP,
                ConnectorConfigDefs.TRANSFORMS_GROUP, ConnectorConfigDefs.PREDICATES_GROUP,
                ConnectorConfigDefs.ERROR_GROUP));
        if (!sink) {
            groups.add(ConnectorConfigDefs.TOPIC_CREATION_GROUP);
            groups.add(ConnectorConfigDefs.EXACTLY_ONCE_GROUP);
            groups.add(ConnectorConfigDefs.OFFSETS_TOPIC_GROUP);
        }
        Map<String, List<String>> extraErrors = new HashMap<>();
        addPluginKeys(enriched, props, "transforms", PluginType.TRANSFORMATION, Transformation.class, groups,
                extraErrors);
        addPluginKeys(enriched, props, "predicates", PluginType.PREDICATE, Predicate.class, groups, extraErrors);
        if (!sink) {
            addTopicCreationKeys(enriched, props, groups);
        }

        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue v : enriched.validate(props)) {
            values.put(v.name(), v);
        }
        Map<String, ConfigDef.ConfigKey> keys = new LinkedHashMap<>(enriched.configKeys());
        if (sink) {
            for (String problem : ConnectorConfig.sinkTopicProblems(props)) {
                values.get(ConnectorConfigDefs.TOPICS).addErrorMessage(problem);
                values.get(ConnectorConfigDefs.TOPICS_REGEX).addErrorMessage(problem);
            }
        }
        List<String> refused = worker.overridePolicyViolations(overrideKeys(props));
        extraErrors.forEach((k, errs) -> errs.forEach(e -> values.get(k).addErrorMessage(e)));

        Connector connector = plugins.newInstance(plugin.className(), plugin.type(), Connector.class, null);
        ConfigDef connectorDef = Plugins.withLoader(plugins.loaderOf(connector), connector::config);
        Config connectorResult = Plugins.withLoader(plugins.loaderOf(connector), () -> connector.validate(props));
        if (connectorDef != null) {
            for (ConfigDef.ConfigKey k : connectorDef.configKeys().values()) {
                keys.putIfAbsent(k.name, k);
                if (k.group != null && !groups.contains(k.group)) {
                    groups.add(k.group);
                }
            }
        }
        if (connectorResult != null) {
            for (ConfigValue v : connectorResult.configValues()) {
                ConfigValue existing = values.get(v.name());
                if (existing == null) {
                    values.put(v.name(), v);
                } else {
                    v.errorMessages().forEach(existing::addErrorMessage);
                }
            }
        }

        if (!sink && worker.config().distributedConfig() != null && connector instanceof SourceConnector source) {
            exactlyOnceProblems(source, props, values);
        }

        List<ConfigInfos.ConfigInfo> configs = new ArrayList<>();
        Set<String> passwords = new LinkedHashSet<>();
        int errorCount = 0;
        for (Map.Entry<String, ConfigValue> e : values.entrySet()) {
            ConfigDef.ConfigKey key = keys.get(e.getKey());
            configs.add(new ConfigInfos.ConfigInfo(key == null ? null : definition(key), value(e.getValue(), key)));
            errorCount += e.getValue().errorMessages().size();
            if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                passwords.add(key.name);
            }
        }
        for (String k : refused) {
            configs.add(new ConfigInfos.ConfigInfo(null, new ConfigInfos.ConfigValueInfo(k, props.get(k), List.of(),
                    List.of("Client override '" + k + "' is not allowed by the worker's "
                            + "connector.client.config.override.policy"), true)));
            errorCount++;
        }
        String requested = props.get(ConnectorConfigDefs.CONNECTOR_CLASS);
        return new ConfigInfos(requested == null ? plugin.className() : requested, errorCount, groups, configs, passwords);
    }

    /**
     * Distributed mode: {@code exactly.once.support=required} needs a worker with exactly-once sources enabled and a
     * connector that says it supports exactly-once with this configuration; {@code transaction.boundary=connector}
     * needs a connector that can define transaction boundaries.
     */
    private void exactlyOnceProblems(SourceConnector connector, Map<String, String> props,
                                     Map<String, ConfigValue> values) {
        String support = props.getOrDefault(ConnectorConfigDefs.EXACTLY_ONCE_SUPPORT, "requested").trim();
        ConfigValue supportValue = values.get(ConnectorConfigDefs.EXACTLY_ONCE_SUPPORT);
        if ("required".equalsIgnoreCase(support) && supportValue != null) {
            if (!worker.exactlyOnceSources()) {
                supportValue.addErrorMessage("exactly.once.support=required, but this worker cluster does not run "
                        + "exactly-once sources: set exactly.once.source.support=enabled on every worker, or set "
                        + "exactly.once.support=requested");
            } else {
                ExactlyOnceSupport answer = Plugins.withLoader(plugins.loaderOf(connector),
                        () -> connector.exactlyOnceSupport(props));
                if (answer != ExactlyOnceSupport.SUPPORTED) {
                    supportValue.addErrorMessage("exactly.once.support=required, but the connector answered "
                            + answer + " for this configuration (expected SUPPORTED): change its configuration or set "
                            + "exactly.once.support=requested");
                }
            }
        }
        String boundary = props.getOrDefault(ConnectorConfigDefs.TRANSACTION_BOUNDARY, "poll").trim();
        ConfigValue boundaryValue = values.get(ConnectorConfigDefs.TRANSACTION_BOUNDARY);
        if ("connector".equalsIgnoreCase(boundary) && boundaryValue != null && worker.exactlyOnceSources()) {
            ConnectorTransactionBoundaries answer = Plugins.withLoader(plugins.loaderOf(connector),
                    () -> connector.canDefineTransactionBoundaries(props));
            if (answer != ConnectorTransactionBoundaries.SUPPORTED) {
                boundaryValue.addErrorMessage("transaction.boundary=connector, but the connector answered " + answer
                        + " when asked whether it can define transaction boundaries (expected SUPPORTED): use "
                        + "transaction.boundary=poll or interval");
            }
        }
    }

    /**
     * Shows the values in effect as defaults, as Apache Kafka Connect does: the connector plugin's version, the
     * worker's converters and their versions, each with the values it could take.
     */
    private void enrichDefaults(ConfigDef def, PluginDesc plugin, Map<String, String> props) {
        replaceDefault(def, ConnectorConfigDefs.CONNECTOR_PLUGIN_VERSION, plugin.version(),
                plugin.version() == null ? List.of() : List.of(plugin.version()));
        converterDefaults(def, ConnectorConfigDefs.KEY_CONVERTER, worker.config().keyConverter(), props,
                PluginType.CONVERTER);
        converterDefaults(def, ConnectorConfigDefs.VALUE_CONVERTER, worker.config().valueConverter(), props,
                PluginType.CONVERTER);
        converterDefaults(def, ConnectorConfigDefs.HEADER_CONVERTER, worker.config().headerConverter(), props,
                PluginType.HEADER_CONVERTER);
    }

    private void converterDefaults(ConfigDef def, String key, String workerValue, Map<String, String> props,
                                   PluginType type) {
        List<Object> classes = new ArrayList<>();
        for (PluginDesc d : plugins.all()) {
            if (d.type() == type && !classes.contains(d.className())) {
                classes.add(d.className());
            }
        }
        replaceDefault(def, key, workerValue, classes);
        String inEffect = props.getOrDefault(key, workerValue);
        List<PluginDesc> found = inEffect == null ? List.of() : plugins.find(inEffect, type);
        String version = found.isEmpty() ? null : found.get(0).version();
        replaceDefault(def, key + ConnectorConfigDefs.PLUGIN_VERSION_SUFFIX, version,
                version == null ? List.of() : List.of(version));
    }

    private static ConfigDef.Recommender recommending(List<Object> values) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                return values;
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                return true;
            }
        };
    }

    private static void replaceDefault(ConfigDef def, String name, Object value, List<Object> recommended) {
        ConfigDef.ConfigKey k = def.configKeys().get(name);
        ConfigDef.Recommender recommender = recommended.isEmpty() ? k.recommender : recommending(recommended);
        def.configKeys().put(name, new ConfigDef.ConfigKey(k.name, k.type, value, k.validator, k.importance,
                k.documentation, k.group, k.orderInGroup, k.width, k.displayName, k.dependents, recommender,
                k.internalConfig));
    }

    private static List<String> overrideKeys(Map<String, String> props) {
        List<String> out = new ArrayList<>();
        for (String k : props.keySet()) {
            if (k.startsWith("producer.override.") || k.startsWith("consumer.override.")
                    || k.startsWith("admin.override.")) {
                out.add(k);
            }
        }
        return out;
    }

    private void addPluginKeys(ConfigDef def, Map<String, String> props, String listKey, PluginType type,
                               Class<?> expected, List<String> groups, Map<String, List<String>> extraErrors) {
        String list = props.get(listKey);
        if (list == null || list.isBlank()) {
            return;
        }
        for (String raw : list.split(",")) {
            String alias = raw.trim();
            if (alias.isEmpty()) {
                continue;
            }
            String prefix = listKey + "." + alias + ".";
            String group = (type == PluginType.TRANSFORMATION ? "Transforms: " : "Predicates: ") + alias;
            groups.add(group);
            String typeKey = prefix + "type";
            String kind = type == PluginType.TRANSFORMATION ? "Transformation" : "Predicate";
            List<Object> classes = new ArrayList<>();
            for (PluginDesc d : plugins.all()) {
                if (d.type() == type && !classes.contains(d.className())) {
                    classes.add(d.className());
                }
            }
            def.define(typeKey, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, null, ConfigDef.Importance.HIGH,
                    "Class for the '" + alias + "' " + type.restName() + ".", group, 0, ConfigDef.Width.LONG,
                    kind + " type for " + alias, List.of(), recommending(classes));
            def.define(prefix + "plugin.version", ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "Version of the '" + alias + "' plugin to use; the installed version when not set.", group, 1,
                    ConfigDef.Width.LONG, kind + " version for " + alias);
            if (type == PluginType.TRANSFORMATION && props.get(typeKey) != null && !props.get(typeKey).isBlank()) {
                def.define(prefix + "predicate", ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                        "Alias of the predicate deciding whether the transformation applies.", group, 2,
                        ConfigDef.Width.LONG, "Predicate for " + alias);
                def.define(prefix + "negate", ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
                        "Apply the transformation when the predicate is false instead.", group, 3,
                        ConfigDef.Width.SHORT, "Negate predicate for " + alias);
            }
            String className = props.get(typeKey);
            if (className == null || className.isBlank()) {
                continue;
            }
            try {
                Object plugin = plugins.newInstance(className, type, expected, null);
                ConfigDef pluginDef = plugin instanceof Transformation<?> t ? t.config()
                        : ((Predicate<?>) plugin).config();
                if (pluginDef != null) {
                    for (ConfigDef.ConfigKey k : pluginDef.configKeys().values()) {
                        def.define(prefix + k.name, k.type, k.defaultValue, k.validator, k.importance,
                                k.documentation, group, k.orderInGroup, k.width, k.displayName, List.<String>of(),
                                k.recommender);
                    }
                }
            } catch (RuntimeException e) {
                extraErrors.computeIfAbsent(typeKey, k -> new ArrayList<>()).add(e.getMessage());
            }
        }
    }

    private static void addTopicCreationKeys(ConfigDef def, Map<String, String> props, List<String> groups) {
        List<String> names = new ArrayList<>();
        names.add("default");
        String list = props.get(ConnectorConfigDefs.TOPIC_CREATION_GROUPS);
        if (list != null) {
            for (String g : list.split(",")) {
                if (!g.isBlank()) {
                    names.add(g.trim());
                }
            }
        }
        for (String g : names) {
            String prefix = "topic.creation." + g + ".";
            String group = "Topic Creation: " + g;
            if (!props.containsKey(prefix + "replication.factor") && !props.containsKey(prefix + "partitions")) {
                continue;
            }
            groups.add(group);
            def.define(prefix + "replication.factor", ConfigDef.Type.SHORT, ConfigDef.NO_DEFAULT_VALUE,
                    (n, v) -> {
                        if (v != null && ((Short) v < 1 && (Short) v != -1)) {
                            throw new org.apache.kafka.common.config.ConfigException(n, v,
                                    "must be -1 (broker default) or at least 1");
                        }
                    }, ConfigDef.Importance.LOW, "Replication factor of new topics.", group, 1, ConfigDef.Width.SHORT,
                    "Replication factor");
            def.define(prefix + "partitions", ConfigDef.Type.INT, ConfigDef.NO_DEFAULT_VALUE,
                    (n, v) -> {
                        if (v != null && ((Integer) v < 1 && (Integer) v != -1)) {
                            throw new org.apache.kafka.common.config.ConfigException(n, v,
                                    "must be -1 (broker default) or at least 1");
                        }
                    }, ConfigDef.Importance.LOW, "Number of partitions of new topics.", group, 2,
                    ConfigDef.Width.SHORT, "Partitions");
        }
    }

    /** A key's definition in Kafka Connect's ConfigKeyInfo terms. */
    public static ConfigInfos.ConfigKeyInfo definition(ConfigDef.ConfigKey k) {
        return new ConfigInfos.ConfigKeyInfo(k.name, ConnectorConfigDefs.restType(k), !k.hasDefault(),
                !k.hasDefault() ? null
                        : k.type == ConfigDef.Type.PASSWORD && k.defaultValue != null ? Password.HIDDEN
                        : ConfigDef.convertToString(k.defaultValue, k.type),
                k.importance == null ? null : k.importance.name(), k.documentation, k.group, k.orderInGroup,
                k.width == null ? null : k.width.name(), k.displayName,
                k.dependents == null ? List.of() : k.dependents);
    }

    private static ConfigInfos.ConfigValueInfo value(ConfigValue v, ConfigDef.ConfigKey key) {
        Object value = v.value();
        String shown;
        if (value == null) {
            shown = null;
        } else if (value instanceof Password || (key != null && key.type == ConfigDef.Type.PASSWORD)) {
            shown = Password.HIDDEN;
        } else if (key != null) {
            try {
                shown = ConfigDef.convertToString(value, key.type);
            } catch (RuntimeException e) {
                shown = value.toString();
            }
        } else {
            shown = value.toString();
        }
        List<String> recommended = new ArrayList<>();
        for (Object r : v.recommendedValues()) {
            recommended.add(String.valueOf(r));
        }
        return new ConfigInfos.ConfigValueInfo(v.name(), shown, recommended, new ArrayList<>(v.errorMessages()),
                v.visible());
    }
}
