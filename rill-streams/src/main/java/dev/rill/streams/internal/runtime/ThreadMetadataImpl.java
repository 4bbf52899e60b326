package dev.rill.streams.internal.runtime;

import dev.rill.streams.TaskMetadata;
import dev.rill.streams.ThreadMetadata;
import java.util.Set;

/** A snapshot of one stream thread. */
record ThreadMetadataImpl(String threadName, String threadState, String consumerClientId,
                          String restoreConsumerClientId, Set<String> producerClientIds, String adminClientId,
                          Set<TaskMetadata> activeTasks, Set<TaskMetadata> standbyTasks) implements ThreadMetadata {
    ThreadMetadataImpl {
        producerClientIds = Set.copyOf(producerClientIds);
        activeTasks = Set.copyOf(activeTasks);
        standbyTasks = Set.copyOf(standbyTasks);
    }
}
