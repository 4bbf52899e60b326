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

    /** The result: definitions and values in Kafka Connect's JSON shape, plus the error count. */
    public record Result(String name, int errorCount, List<String> groups, List<Map<String, Object>> configs,
                         Set<String> passwordKeys) {
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("error_count", errorCount);
            out.put("groups", groups);
            out.put("configs", configs);
            return out;
        }

        /** Every error message, prefixed by its key, for a 400 response. */
        public List<String> errorMessages() {
            List<String> out = new ArrayList<>();
            for (Map<String, Object> c : configs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> value = (Map<String, Object>) c.get("value");
                @SuppressWarnings("unchecked")
                List<String> errors = (List<String>) value.get("errors");
                for (String e : errors) {
                    out.add(value.get("name") + ": " + e);
                }
            }
            return out;
        }
    }

    /** Validates {@code props} (already resolved); {@code connectorClass} names the plugin. */
    public Result validate(PluginDesc plugin, Map<String, String> props) {
        boolean sink = plugin.type() == PluginType.SINK;
        ConfigDef framework = sink ? ConnectorConfigDefs.sink() : ConnectorConfigDefs.source();
        ConfigDef enriched = new ConfigDef(framework);
        List<String> groups = new ArrayList<>(List.of(ConnectorConfigDefs.COMMON_GROUP,
                ConnectorConfigDefs.TRANSFORMS_GROUP, ConnectorConfigDefs.PREDICATES_GROUP,
                ConnectorConfigDefs.ERROR_GROUP));
        if (!sink) {
            groups.add(ConnectorConfigDefs.TOPIC_CREATION_GROUP);
            groups.add(ConnectorConfigDefs.EXACTLY_ONCE_GROUP);
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

        List<Map<String, Object>> configs = new ArrayList<>();
        Set<String> passwords = new LinkedHashSet<>();
        int errorCount = 0;
        for (Map.Entry<String, ConfigValue> e : values.entrySet()) {
            ConfigDef.ConfigKey key = keys.get(e.getKey());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("definition", key == null ? null : definition(key));
            entry.put("value", value(e.getValue(), key));
            configs.add(entry);
            errorCount += e.getValue().errorMessages().size();
            if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                passwords.add(key.name);
            }
        }
        for (String k : refused) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("definition", null);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", k);
            v.put("value", props.get(k));
            v.put("recommended_values", List.of());
            v.put("errors", List.of("Client override '" + k + "' is not allowed by the worker's "
                    + "connector.client.config.override.policy"));
            v.put("visible", true);
            entry.put("value", v);
            configs.add(entry);
            errorCount++;
        }
        return new Result(plugin.className(), errorCount, groups, configs, passwords);
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
            def.define(typeKey, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "Class for the '" + alias + "' " + type.restName() + ".", group, 0, ConfigDef.Width.LONG,
                    (type == PluginType.TRANSFORMATION ? "Transformation" : "Predicate") + " type for " + alias);
            if (type == PluginType.TRANSFORMATION) {
                def.define(prefix + "predicate", ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                        "Alias of the predicate deciding whether the transformation applies.", group, 1,
                        ConfigDef.Width.LONG, "Predicate for " + alias);
                def.define(prefix + "negate", ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
                        "Apply the transformation when the predicate is false instead.", group, 2,
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

    /** A key's definition in Kafka Connect's ConfigKeyInfo shape. */
    public static Map<String, Object> definition(ConfigDef.ConfigKey k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", k.name);
        d.put("type", k.type.name());
        d.put("required", !k.hasDefault());
        d.put("default_value", !k.hasDefault() ? null
                : k.type == ConfigDef.Type.PASSWORD && k.defaultValue != null ? Password.HIDDEN
                : ConfigDef.convertToString(k.defaultValue, k.type));
        d.put("importance", k.importance == null ? null : k.importance.name());
        d.put("documentation", k.documentation);
        d.put("group", k.group);
        d.put("width", k.width == null ? null : k.width.name());
        d.put("display_name", k.displayName);
        d.put("dependents", k.dependents == null ? List.of() : k.dependents);
        d.put("order", k.orderInGroup);
        return d;
    }

    private static Map<String, Object> value(ConfigValue v, ConfigDef.ConfigKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
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
        out.put("value", shown);
        List<String> recommended = new ArrayList<>();
        for (Object r : v.recommendedValues()) {
            recommended.add(String.valueOf(r));
        }
        out.put("recommended_values", recommended);
        out.put("errors", new ArrayList<>(v.errorMessages()));
        out.put("visible", v.visible());
        return out;
    }
}
