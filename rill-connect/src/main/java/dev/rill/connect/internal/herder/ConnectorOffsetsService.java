package dev.rill.connect.internal.herder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;

import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.herder.Herder.ConnectorOffset;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.storage.OffsetCodec;
import dev.rill.connect.internal.storage.OffsetStore;

/**
 * The offsets API of one connector ({@code GET/PATCH/DELETE /connectors/{c}/offsets}), the same in every mode:
 * source offsets live in the {@link OffsetStore}, sink offsets are the committed offsets of the connector's
 * consumer group. The herder decides whether the connector may be changed (it must be STOPPED); this class reads
 * and writes the offsets and asks the connector to accept the change ({@code alterOffsets}).
 */
public final class ConnectorOffsetsService {
    static final String RESET = "The offsets for this connector have been reset successfully";
    static final String ALTERED = "The offsets for this connector have been altered successfully";
    static final String ALTERED_FRAMEWORK_ONLY = "The Connect framework-managed offsets for this connector have been "
            + "altered successfully. However, if this connector manages offsets externally, they will need to be "
            + "manually altered in the system that the connector uses.";

    /** Creates a fresh instance of a connector class and runs a call with the connector's class loader. */
    public interface ConnectorCaller {
        <T> T call(String connectorClass, Function<Connector, T> call);

        /** The caller that instantiates connectors from the discovered plugins. */
        static ConnectorCaller of(Plugins plugins) {
            return new ConnectorCaller() {
                @Override
                public <T> T call(String connectorClass, Function<Connector, T> call) {
                    PluginDesc desc = plugins.connector(connectorClass);
                    Connector c = plugins.newInstance(desc.className(), desc.type(), Connector.class, null);
                    return Plugins.withLoader(desc.loader(), () -> call.apply(c));
                }
            };
        }
    }

    /**
     * The connector whose offsets are read or changed.
     *
     * @param config its config with placeholders resolved, computed only when needed
     */
    public record Target(String name, boolean sink, Supplier<Map<String, String>> config) {
    }

    /** A source connector's offset store, from its configuration (its own offsets topic, or the worker's). */
    private final java.util.function.Function<Map<String, String>, OffsetStore> stores;
    private final OffsetCodec codec;
    private final Supplier<Admin> admin;
    private final ConnectorCaller connectors;

    public ConnectorOffsetsService(java.util.function.Function<Map<String, String>, OffsetStore> stores,
                                   OffsetCodec codec, Supplier<Admin> admin, ConnectorCaller connectors) {
        this.stores = stores;
        this.codec = codec;
        this.admin = admin;
        this.connectors = connectors;
    }

    /** The connector's current offsets. */
    public List<ConnectorOffset> offsets(Target target) {
        List<ConnectorOffset> out = new ArrayList<>();
        if (target.sink()) {
            sinkOffsets(target).forEach((tp, om) -> out.add(new ConnectorOffset(sinkPartition(tp),
                    new LinkedHashMap<>(Map.of("kafka_offset", om.offset())))));
            return out;
        }
        stores.apply(target.config().get()).all().forEach((k, v) -> {
            Map.Entry<String, Map<String, Object>> key = k == null ? null : codec.parseKey(k);
            if (key != null && key.getKey().equals(target.name()) && v != null) {
                out.add(new ConnectorOffset(key.getValue(), codec.parseValue(v)));
            }
        });
        return out;
    }

    /** Alters (or, with a null offset, deletes) the given offsets; returns the message for the response. */
    public String alter(Target target, List<ConnectorOffset> offsets) {
        if (offsets == null || offsets.isEmpty()) {
            throw RequestException.badRequest("The request body must list offsets: {\"offsets\": [{\"partition\": "
                    + "{...}, \"offset\": {...} or null}]}");
        }
        return target.sink() ? alterSinkOffsets(target, offsets, false) : alterSourceOffsets(target, offsets);
    }

    /** Deletes every offset of the connector; returns the message for the response. */
    public String reset(Target target) {
        if (target.sink()) {
            return alterSinkOffsets(target, List.of(), true);
        }
        List<ConnectorOffset> all = new ArrayList<>();
        for (ConnectorOffset o : offsets(target)) {
            all.add(new ConnectorOffset(o.partition(), null));
        }
        if (!all.isEmpty()) {
            alterSourceOffsets(target, all);
        }
        return RESET;
    }

    private static Map<String, Object> sinkPartition(TopicPartition tp) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kafka_topic", tp.topic());
        p.put("kafka_partition", tp.partition());
        return p;
    }

    private Map<TopicPartition, OffsetAndMetadata> sinkOffsets(Target target) {
        String name = target.name();
        try {
            String group = sinkGroupId(target);
            Map<TopicPartition, OffsetAndMetadata> m = admin.get().listConsumerGroupOffsets(
                    Map.of(group, new ListConsumerGroupOffsetsSpec()))
                    .partitionsToOffsetAndMetadata(group).get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
            m.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om);
                }
            });
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new RequestException(500, "Could not read the offsets of consumer group connect-" + name + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new RequestException(500, "Could not read the offsets of consumer group connect-" + name + ": " + e,
                    e);
        }
    }

    private String alterSourceOffsets(Target target, List<ConnectorOffset> offsets) {
        Map<Map<String, ?>, Map<String, ?>> forConnector = new HashMap<>();
        Map<ByteBuffer, ByteBuffer> writes = new HashMap<>();
        for (ConnectorOffset o : offsets) {
            if (o.partition() == null) {
                throw RequestException.badRequest("Every offset entry needs a non-null \"partition\" object");
            }
            // round-trip through the JSON converter, as stored offsets would be: numbers become Longs
            ByteBuffer key = codec.key(target.name(), o.partition());
            ByteBuffer value = codec.value(o.offset());
            forConnector.put(codec.parseKey(key).getValue(), codec.parseValue(value));
            writes.put(key, value);
        }
        Map<String, String> config = target.config().get();
        boolean managesOffsets = callAlterOffsets(target.name(), config,
                c -> ((SourceConnector) c).alterOffsets(config, forConnector));
        stores.apply(config).set(writes);
        boolean allNull = offsets.stream().allMatch(o -> o.offset() == null);
        return managesOffsets || allNull ? (allNull ? RESET : ALTERED) : ALTERED_FRAMEWORK_ONLY;
    }

    /** The sink's consumer group: {@code consumer.override.group.id} when given, else {@code connect-<name>}. */
    private static String sinkGroupId(Target target) {
        String override = target.config().get().get("consumer.override.group.id");
        return override != null && !override.isBlank() ? override : "connect-" + target.name();
    }

    private String alterSinkOffsets(Target target, List<ConnectorOffset> offsets, boolean resetAll) {
        String group = sinkGroupId(target);
        Map<TopicPartition, OffsetAndMetadata> alter = new HashMap<>();
        Set<TopicPartition> delete = new HashSet<>();
        if (resetAll) {
            delete.addAll(sinkOffsets(target).keySet());
        }
        for (ConnectorOffset o : offsets) {
            TopicPartition tp = sinkTopicPartition(o.partition());
            if (o.offset() == null) {
                delete.add(tp);
            } else {
                Object off = o.offset().get("kafka_offset");
                if (!(off instanceof Number n) || n.longValue() < 0) {
                    throw RequestException.badRequest("Sink offsets need {\"kafka_offset\": <non-negative number>}; "
                            + "found " + o.offset() + " for " + tp);
                }
                alter.put(tp, new OffsetAndMetadata(n.longValue()));
            }
        }
        Map<TopicPartition, Long> forConnector = new HashMap<>();
        alter.forEach((tp, om) -> forConnector.put(tp, om.offset()));
        delete.forEach(tp -> forConnector.put(tp, null));
        Map<String, String> config = target.config().get();
        callAlterOffsets(target.name(), config, c -> ((SinkConnector) c).alterOffsets(config, forConnector));
        try {
            if (!alter.isEmpty()) {
                admin.get().alterConsumerGroupOffsets(group, alter).all().get(30, TimeUnit.SECONDS);
            }
            if (!delete.isEmpty()) {
                admin.get().deleteConsumerGroupOffsets(group, delete).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw RequestException.badRequest("Consumer group " + group + " still has members; wait until the "
                        + "stopped connector's consumers have left, then retry");
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new RequestException(500, "Could not alter offsets of consumer group " + group + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (Exception e) {
            throw new RequestException(500, "Could not alter offsets of consumer group " + group + ": " + e, e);
        }
        return resetAll || (alter.isEmpty() && !delete.isEmpty()) ? RESET : ALTERED;
    }

    private static TopicPartition sinkTopicPartition(Map<String, Object> partition) {
        Object topic = partition == null ? null : partition.get("kafka_topic");
        Object part = partition == null ? null : partition.get("kafka_partition");
        if (!(topic instanceof String t) || !(part instanceof Number p)) {
            throw RequestException.badRequest("Sink partitions need {\"kafka_topic\": <string>, \"kafka_partition\": "
                    + "<number>}; found " + partition);
        }
        return new TopicPartition(t, p.intValue());
    }

    private boolean callAlterOffsets(String name, Map<String, String> config, Function<Connector, Boolean> call) {
        return connectors.call(config.get(ConnectorConfigDefs.CONNECTOR_CLASS), c -> {
            try {
                return call.apply(c);
            } catch (UnsupportedOperationException e) {
                throw RequestException.badRequest("Connector " + name + " does not support altering its offsets: "
                        + e.getMessage());
            } catch (RequestException e) {
                throw e;
            } catch (RuntimeException e) {
                throw RequestException.badRequest("Connector " + name + " rejected the offsets: " + e.getMessage());
            }
        });
    }
}
