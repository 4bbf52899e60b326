package dev.rill.cli.mirror;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of the distributed Rill Connect worker that {@code rill mirror} runs for one target cluster. Every
 * {@code rill mirror} process started with the same mm2.properties joins the same group per target, so the
 * processes share the flows' tasks and take over those of a process that dies.
 *
 * <p>Defaults, each replaced by the same key in mm2.properties (top level or {@code <target>.<key>}):
 * <ul>
 * <li>{@code group.id} = {@code rill-mirror-<target>}; storage topics {@code rill-mirror-configs.<target>.internal},
 * {@code rill-mirror-offsets.<target>.internal}, {@code rill-mirror-status.<target>.internal} on the target (their
 * {@code .internal} suffix keeps them out of any flow under MirrorMaker 2's default topic filter);</li>
 * <li>{@code exactly.once.source.support} = {@code enabled}: records and source positions are committed in one
 * transaction (MirrorMaker 2 defaults to {@code disabled});</li>
 * <li>storage topic replication factors -1 (the broker's default, so a one-broker development cluster works);</li>
 * <li>{@code listeners} = {@code http://localhost:0}: a REST API on a free port of this host, through which
 * processes on one host forward writes to the group's leader; set {@code listeners} and
 * {@code rest.advertised.host.name} for processes on several hosts.</li>
 * </ul>
 */
public final class MirrorWorkerProperties {
    private static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private MirrorWorkerProperties() {
    }

    /** The worker properties for the worker writing into {@code target}, loading plugins from {@code pluginPath}. */
    public static Map<String, String> of(MirrorPlan plan, String target, Path pluginPath) {
        Map<String, String> props = new LinkedHashMap<>(plan.clusterSettings(target));
        props.putAll(plan.workerSettings(target));
        props.putIfAbsent("group.id", "rill-mirror-" + target);
        props.putIfAbsent("config.storage.topic", "rill-mirror-configs." + target + ".internal");
        props.putIfAbsent("offset.storage.topic", "rill-mirror-offsets." + target + ".internal");
        props.putIfAbsent("status.storage.topic", "rill-mirror-status." + target + ".internal");
        for (String topic : new String[] {"config", "offset", "status"}) {
            props.putIfAbsent(topic + ".storage.replication.factor", "-1");
        }
        props.putIfAbsent("exactly.once.source.support", "enabled");
        props.putIfAbsent("offset.flush.interval.ms", "1000");
        props.putIfAbsent("listeners", "http://localhost:0");
        props.put("plugin.path", pluginPath.toString());
        props.put("key.converter", BYTE_ARRAY_CONVERTER);
        props.put("value.converter", BYTE_ARRAY_CONVERTER);
        return props;
    }

    /** Whether the worker commits records and positions in transactions (the default). */
    public static boolean exactlyOnce(Map<String, String> workerProperties) {
        return "enabled".equals(workerProperties.get("exactly.once.source.support"));
    }
}
