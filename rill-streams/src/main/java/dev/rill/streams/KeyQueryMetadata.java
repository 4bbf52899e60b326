package dev.rill.streams;

import dev.rill.streams.state.HostInfo;
import java.util.Objects;
import java.util.Set;

/** Where a key lives: the instance running the active task of its partition. */
public class KeyQueryMetadata {
    /** Returned when the owner is not known (no assignment yet, or no {@code application.server}). */
    public static final KeyQueryMetadata NOT_AVAILABLE = new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), -1);

    private final HostInfo activeHost;
    private final Set<HostInfo> standbyHosts;
    private final int partition;

    public KeyQueryMetadata(HostInfo activeHost, Set<HostInfo> standbyHosts, int partition) {
        this.activeHost = activeHost;
        this.standbyHosts = Set.copyOf(standbyHosts);
        this.partition = partition;
    }

    public HostInfo activeHost() {
        return activeHost;
    }

    public Set<HostInfo> standbyHosts() {
        return standbyHosts;
    }

    public int partition() {
        return partition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyQueryMetadata k && k.activeHost.equals(activeHost) && k.partition == partition
                && k.standbyHosts.equals(standbyHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activeHost, standbyHosts, partition);
    }

    @Override
    public String toString() {
        return "KeyQueryMetadata{active=" + activeHost + ", partition=" + partition + "}";
    }
}
