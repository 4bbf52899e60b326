package dev.rill.streams;

import java.util.Set;

/** A stream thread of this instance: its name and state, its clients' ids, and its tasks. */
public interface ThreadMetadata {
    /** The thread's state, e.g. {@code RUNNING}. */
    String threadState();

    String threadName();

    Set<TaskMetadata> activeTasks();

    Set<TaskMetadata> standbyTasks();

    /** The {@code client.id} of the thread's main consumer. */
    String consumerClientId();

    /** The {@code client.id} of the thread's restore consumer. */
    String restoreConsumerClientId();

    /** The {@code client.id}s of the thread's producers (one per thread in Rill). */
    Set<String> producerClientIds();

    /** The {@code client.id} of the instance's admin client. */
    String adminClientId();
}
