package dev.rill.connect.internal.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TaskId;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.State;

/**
 * One running task: its thread, its target state (running or paused) and its reported status. Subclasses
 * implement the source and sink loops in {@link #execute()}.
 */
public abstract class WorkerTask implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WorkerTask.class);

    protected final TaskId id;
    protected final StatusStore statuses;
    protected final ClassLoader loader;
    private final Object stateLock = new Object();
    private volatile TargetState target;
    private volatile boolean stopping;
    private volatile boolean failed;
    private final CountDownLatch done = new CountDownLatch(1);
    private final java.util.Set<String> seenTopics = new java.util.HashSet<>();
    private volatile java.util.function.Consumer<String> topicListener = t -> { };

    /** Receives every topic this task reads or writes, once each (for {@code GET /connectors/{c}/topics}). */
    public void topicListener(java.util.function.Consumer<String> listener) {
        this.topicListener = listener;
    }

    /** Notes that the task used {@code topic}. */
    protected void reportTopic(String topic) {
        synchronized (seenTopics) {
            if (!seenTopics.add(topic)) {
                return;
            }
        }
        topicListener.accept(topic);
    }

    /** Forgets the reported topics (after a topics reset). */
    public void resetTopics() {
        synchronized (seenTopics) {
            seenTopics.clear();
        }
    }

    protected WorkerTask(TaskId id, TargetState initial, StatusStore statuses, ClassLoader loader) {
        this.id = id;
        this.target = initial;
        this.statuses = statuses;
        this.loader = loader;
    }

    public TaskId id() {
        return id;
    }

    @Override
    public final void run() {
        Thread.currentThread().setContextClassLoader(loader);
        try {
            initializeAndStart();
            if (!stopping) {
                statuses.putTask(id, isPaused() ? State.PAUSED : State.RUNNING, null);
                execute();
            }
        } catch (Throwable t) {
            if (stopping) {
                log.info("Task {} threw while stopping: {}", id, t.toString());
            } else if (t instanceof FencedTaskException) {
                // superseded, not failed: the task's newer instance reports its status
                log.info("{}", t.getMessage());
            } else {
                failed = true;
                log.error("Task {} failed and will not recover until manually restarted", id, t);
                statuses.putTask(id, State.FAILED, t);
            }
        } finally {
            try {
                close();
            } catch (Throwable t) {
                log.warn("Task {} did not close cleanly", id, t);
            }
            done.countDown();
        }
    }

    /** Initializes and starts the connector's task (on the task thread). */
    protected abstract void initializeAndStart();

    /** The task loop; returns when {@link #isStopping()} or throws to fail the task. */
    protected abstract void execute();

    /** Releases clients and calls the task's stop hook as needed. */
    protected abstract void close();

    /** Wakes a loop blocked in I/O so it notices a stop or state change. */
    protected abstract void wakeup();

    public boolean isStopping() {
        return stopping;
    }

    public boolean hasFailed() {
        return failed;
    }

    public boolean isPaused() {
        return target == TargetState.PAUSED;
    }

    /** Pauses or resumes the task. */
    public void transitionTo(TargetState state) {
        synchronized (stateLock) {
            target = state;
            stateLock.notifyAll();
        }
        wakeup();
    }

    /** Asks the task to stop; {@link #awaitStop} waits for it. */
    public void stop() {
        synchronized (stateLock) {
            stopping = true;
            stateLock.notifyAll();
        }
        wakeup();
    }

    public boolean awaitStop(long timeoutMs) {
        try {
            return done.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called by the loop: reports PAUSED and blocks until resumed or stopped; false when stopping. */
    protected boolean awaitUnpaused() {
        statuses.putTask(id, State.PAUSED, null);
        synchronized (stateLock) {
            while (target == TargetState.PAUSED && !stopping) {
                try {
                    stateLock.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        if (stopping) {
            return false;
        }
        statuses.putTask(id, State.RUNNING, null);
        return true;
    }
}
