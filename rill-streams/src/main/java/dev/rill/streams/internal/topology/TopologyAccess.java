package dev.rill.streams.internal.topology;

import dev.rill.streams.Topology;
import java.util.function.Function;

/** Gives internal code the builder behind a public {@link Topology} without exposing it in the public API. */
public final class TopologyAccess {
    private static volatile Function<Topology, InternalTopologyBuilder> accessor;

    private TopologyAccess() {
    }

    /** Called once by {@link Topology}'s static initializer. */
    public static void install(Function<Topology, InternalTopologyBuilder> function) {
        if (accessor != null) {
            throw new IllegalStateException("topology accessor installed twice");
        }
        accessor = function;
    }

    public static InternalTopologyBuilder builderOf(Topology topology) {
        if (accessor == null) {
            try {
                Class.forName(Topology.class.getName(), true, Topology.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return accessor.apply(topology);
    }
}
