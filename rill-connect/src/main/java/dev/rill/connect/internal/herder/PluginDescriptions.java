package dev.rill.connect.internal.herder;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;

/**
 * Describes the installed plugins for {@code GET /connector-plugins} and {@code /connector-plugins/{p}/config}:
 * the plugin list, and the config keys a plugin declares (for connectors followed by the framework keys every
 * connector of its kind accepts). The same in every mode: it depends only on the discovered plugins.
 */
public final class PluginDescriptions {
    private final Plugins plugins;

    public PluginDescriptions(Plugins plugins) {
        this.plugins = plugins;
    }

    /** Every discovered plugin, sorted by class name. */
    public List<PluginDesc> all() {
        return plugins.all();
    }

    /** The config keys of the plugin named by a class name or alias, in Kafka Connect's ConfigKeyInfo terms. */
    public List<ConfigInfos.ConfigKeyInfo> configKeys(String plugin) {
        List<PluginDesc> found = plugins.find(plugin, PluginType.values());
        if (found.isEmpty()) {
            throw new RequestException(404, "Unknown plugin " + plugin + "; GET /connector-plugins?connectorsOnly=false "
                    + "lists the installed plugins");
        }
        PluginDesc d = found.get(0);
        Object instance = plugins.newInstance(d.className(), d.type(), Object.class, null);
        ConfigDef def = Plugins.withLoader(d.loader(), () -> configDefOf(instance));
        List<ConfigInfos.ConfigKeyInfo> out = new ArrayList<>();
        if (def != null) {
            for (ConfigDef.ConfigKey k : def.configKeys().values()) {
                out.add(ConfigValidator.definition(k));
            }
        }
        if (d.type().isConnector()) {
            // then the keys every connector of this kind accepts, as Apache Kafka Connect lists them
            ConfigDef framework = d.type() == PluginType.SINK ? ConnectorConfigDefs.sink()
                    : ConnectorConfigDefs.source();
            for (ConfigDef.ConfigKey k : framework.configKeys().values()) {
                if (def == null || !def.configKeys().containsKey(k.name)) {
                    ConfigInfos.ConfigKeyInfo definition = ConfigValidator.definition(k);
                    out.add(k.name.equals(ConnectorConfigDefs.CONNECTOR_PLUGIN_VERSION)
                            ? definition.withDefaultValue(d.version()) : definition);
                }
            }
        }
        return out;
    }

    private static ConfigDef configDefOf(Object plugin) {
        if (plugin instanceof Connector c) {
            return c.config();
        }
        if (plugin instanceof Converter c) {
            return c.config();
        }
        if (plugin instanceof HeaderConverter c) {
            return c.config();
        }
        if (plugin instanceof Transformation<?> t) {
            return t.config();
        }
        if (plugin instanceof Predicate<?> p) {
            return p.config();
        }
        return new ConfigDef();
    }
}
