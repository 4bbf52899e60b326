package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.TaskId;
import java.util.HashMap;
import java.util.Map;

/**
 * Which stream thread of this instance has a task's stores open (active or standby). With cooperative rebalancing a
 * thread keeps its tasks while the group rebalances, so one thread may be handed a task whose standby another thread
 * of the instance closes in the same rebalance; RocksDB refuses a second open of the same directory, so the new owner
 * waits here until the old one has closed it.
 */
final class TaskDirectoryLocks {
    private final Map<TaskId, Thread> owners = new HashMap<>();

    /** Waits until no other thread holds the task's directory, then holds it for the calling thread. */
    synchronized void acquire(TaskId task, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Thread me = Thread.currentThread();
        while (owners.containsKey(task) && owners.get(task) != me) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new StreamsException("The stores of task " + task + " are still open in stream thread "
                        + owners.get(task).getName() + " after " + timeoutMs + " ms; " + me.getName()
                        + " cannot open them. That thread is stuck in processing or in a rebalance callback.");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while waiting for the stores of task " + task, e);
            }
        }
        owners.put(task, me);
    }

    /** Releases the task's directory if the calling thread holds it. */
    synchronized void release(TaskId task) {
        if (owners.get(task) == Thread.currentThread()) {
            owners.remove(task);
            notifyAll();
        }
    }
}
