package dev.rill.streams.state;

import java.util.Set;

/** One instance of the application: its {@code application.server} and the stores it hosts active tasks of. */
public record StreamsMetadata(HostInfo hostInfo, Set<String> stateStoreNames) {
    public StreamsMetadata {
        stateStoreNames = Set.copyOf(stateStoreNames);
    }
}
