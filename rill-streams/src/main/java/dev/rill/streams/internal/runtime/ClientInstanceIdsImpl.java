package dev.rill.streams.internal.runtime;

import dev.rill.streams.ClientInstanceIds;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;

/** The ids gathered by {@link StreamsRuntime#clientInstanceIds}. */
final class ClientInstanceIdsImpl implements ClientInstanceIds {
    private final Uuid admin;
    private final IllegalStateException adminDisabled;
    private final Map<String, Uuid> consumers;
    private final Map<String, Uuid> producers;

    ClientInstanceIdsImpl(Uuid admin, IllegalStateException adminDisabled, Map<String, Uuid> consumers,
                          Map<String, Uuid> producers) {
        this.admin = admin;
        this.adminDisabled = adminDisabled;
        this.consumers = Collections.unmodifiableMap(new TreeMap<>(consumers));
        this.producers = Collections.unmodifiableMap(new TreeMap<>(producers));
    }

    @Override
    public Uuid adminInstanceId() {
        if (adminDisabled != null) {
            throw new IllegalStateException(adminDisabled.getMessage(), adminDisabled);
        }
        return admin;
    }

    @Override
    public Map<String, Uuid> consumerInstanceIds() {
        return consumers;
    }

    @Override
    public Map<String, Uuid> producerInstanceIds() {
        return producers;
    }

    @Override
    public String toString() {
        return "ClientInstanceIds{admin=" + (adminDisabled != null ? "telemetry disabled" : admin) + ", consumers="
                + consumers + ", producers=" + producers + "}";
    }
}
