package dev.rill.connect.internal.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rill.connect.internal.herder.ConfigInfos;

/** Renders validation results and config definitions as Kafka Connect's REST JSON (field names and order). */
final class ConfigInfosJson {
    private ConfigInfosJson() {
    }

    /** {@code {"name", "error_count", "groups", "configs": [{"definition", "value"}]}}. */
    static Map<String, Object> infos(ConfigInfos infos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", infos.name());
        out.put("error_count", infos.errorCount());
        out.put("groups", infos.groups());
        List<Map<String, Object>> configs = new ArrayList<>();
        for (ConfigInfos.ConfigInfo c : infos.configs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("definition", c.definition() == null ? null : definition(c.definition()));
            entry.put("value", value(c.value()));
            configs.add(entry);
        }
        out.put("configs", configs);
        return out;
    }

    static List<Map<String, Object>> definitions(List<ConfigInfos.ConfigKeyInfo> keys) {
        List<Map<String, Object>> out = new ArrayList<>();
        keys.forEach(k -> out.add(definition(k)));
        return out;
    }

    static Map<String, Object> definition(ConfigInfos.ConfigKeyInfo k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", k.name());
        d.put("type", k.type());
        d.put("required", k.required());
        d.put("default_value", k.defaultValue());
        d.put("importance", k.importance());
        d.put("documentation", k.documentation());
        d.put("group", k.group());
        d.put("order_in_group", k.orderInGroup());
        d.put("width", k.width());
        d.put("display_name", k.displayName());
        d.put("dependents", k.dependents());
        return d;
    }

    static Map<String, Object> value(ConfigInfos.ConfigValueInfo v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        out.put("value", v.value());
        out.put("recommended_values", v.recommendedValues());
        out.put("errors", v.errors());
        out.put("visible", v.visible());
        return out;
    }
}
