package dev.rill.connect.internal.runtime;

import java.util.Map;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.State;
import dev.rill.connect.internal.plugins.Plugins;

/**
 * A running connector instance. Following Kafka Connect, pausing stops the connector (its tasks are paused) and
 * resuming starts it again; a connector that raised an error stays FAILED until restarted.
 */
public final class WorkerConnector {
    private static final Logger log = LoggerFactory.getLogger(WorkerConnector.class);

    /** Callbacks into the herder. */
    public interface Listener {
        void onTaskReconfigurationRequest(String connector);

        void onFailure(String connector, Throwable error);
    }

    private final String name;
    private final Connector connector;
    private final ClassLoader loader;
    private final Map<String, String> config;
    private final StatusStore statuses;
    private final Listener listener;
    private final OffsetStorageReader offsetReader;
    private final TaskPluginMetrics metrics;
    private boolean started;
    private boolean failed;

    public WorkerConnector(String name, Connector connector, Map<String, String> config, StatusStore statuses,
                           Listener listener, OffsetStorageReader offsetReader, TaskPluginMetrics metrics) {
        this.name = name;
        this.connector = connector;
        this.loader = connector.getClass().getClassLoader();
        this.config = config;
        this.statuses = statuses;
        this.listener = listener;
        this.offsetReader = offsetReader;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    public Connector connector() {
        return connector;
    }

    public ClassLoader loader() {
        return loader;
    }

    public boolean isSink() {
        return connector instanceof SinkConnector;
    }

    public boolean isStarted() {
        return started;
    }

    public boolean hasFailed() {
        return failed;
    }

    /** Initializes the connector and moves it to the target state; returns false when it failed. */
    public synchronized boolean initializeAndTransition(TargetState target) {
        try {
            Plugins.runWithLoader(loader, () -> connector.initialize(isSink() ? new SinkContext() : new SourceContext()));
        } catch (Throwable t) {
            fail(t);
            return false;
        }
        return transitionTo(target);
    }

    /** Moves the connector to {@code target}, starting or stopping it as needed. */
    public synchronized boolean transitionTo(TargetState target) {
        if (failed) {
            return false;
        }
        try {
            if (target == TargetState.STARTED) {
                if (!started) {
                    Plugins.runWithLoader(loader, () -> connector.start(config));
                    started = true;
                }
                statuses.putConnector(name, State.RUNNING, null);
            } else {
                stopIfStarted();
                statuses.putConnector(name, target == TargetState.PAUSED ? State.PAUSED : State.STOPPED, null);
            }
            return true;
        } catch (Throwable t) {
            fail(t);
            return false;
        }
    }

    private void stopIfStarted() {
        if (started) {
            started = false;
            Plugins.runWithLoader(loader, connector::stop);
        }
    }

    /** Stops the connector for good (delete, restart or worker shutdown). */
    public synchronized void shutdown() {
        try {
            stopIfStarted();
        } catch (Throwable t) {
            log.warn("Connector {} threw from stop()", name, t);
        } finally {
            metrics.close();
        }
    }

    private synchronized void fail(Throwable t) {
        failed = true;
        log.error("Connector {} failed", name, t);
        statuses.putConnector(name, State.FAILED, t);
        try {
            stopIfStarted();
        } catch (Throwable ignored) {
            // already failed
        }
    }

    private class SinkContext implements SinkConnectorContext {
        @Override
        public void requestTaskReconfiguration() {
            listener.onTaskReconfigurationRequest(name);
        }

        @Override
        public void raiseError(Exception e) {
            fail(e);
            listener.onFailure(name, e);
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return metrics;
        }
    }

    private final class SourceContext extends SinkContext implements SourceConnectorContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return offsetReader;
        }
    }
}
