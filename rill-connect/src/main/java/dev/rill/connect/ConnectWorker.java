package dev.rill.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.rill.connect.internal.config.ConfigFiles;

/**
 * A Rill Connect worker embedded in a Java program: the one public way to run Rill Connect (the {@code rill}
 * command, the demo and Rill Mirror use it). Accepts the keys of Apache Kafka's
 * {@code connect-standalone.properties} (standalone mode: one process, source offsets in
 * {@code offset.storage.file.filename}) and, with {@link Builder#distributed()}, of
 * {@code connect-distributed.properties} (a group of workers sharing connectors through Kafka topics).
 *
 * <pre>{@code
 * try (ConnectWorker worker = ConnectWorker.builder()
 *         .workerProperties(Path.of("worker.properties"))
 *         .connector(Path.of("file-sink.properties"))
 *         .start()) {
 *     System.out.println("REST API at " + worker.restUrl());
 *     worker.awaitStop();
 * }
 * }</pre>
 */
public final class ConnectWorker implements AutoCloseable {
    /**
     * The system property naming the directory of Apache Kafka's 4.3.1 worker jars (connect-runtime and its
     * libraries), which plugins such as connect-mirror use; the {@code rill} command sets it.
     */
    public static final String APACHE_WORKER_DIR_PROPERTY = StandaloneWorker.APACHE_WORKER_DIR_PROPERTY;

    /** What both modes' workers offer; the worker's assembly stays package-private. */
    interface Running extends AutoCloseable {
        String restUrl();

        ClassLoader pluginClassLoader(String connectorClass);

        void awaitStop() throws InterruptedException;

        @Override
        void close();
    }

    private final Running worker;

    private ConnectWorker(Running worker) {
        this.worker = worker;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL of the REST API, e.g. {@code http://host:8083/}. */
    public String restUrl() {
        return worker.restUrl();
    }

    /**
     * The class loader of the plugin that provides a connector (its class name or alias). A tool in the same process
     * that must share a library with the connector uses it; SQLite, say, keeps its file locks per loaded copy, so a
     * second copy reading the connector's database would break the connector's locks.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException if no plugin provides that connector
     */
    public ClassLoader pluginClassLoader(String connectorClass) {
        return worker.pluginClassLoader(connectorClass);
    }

    /** Blocks until {@link #close()} is called (e.g. from a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        worker.awaitStop();
    }

    /** Stops the REST API, every task and connector (committing offsets), and releases all clients. */
    @Override
    public void close() {
        worker.close();
    }

    /** Collects the worker properties and the connectors to start with; {@link #start()} starts the worker. */
    public static final class Builder {
        private final Map<String, String> workerProps = new LinkedHashMap<>();
        private final List<Map<String, String>> connectors = new ArrayList<>();
        private final List<Path> extraPluginPath = new ArrayList<>();
        private boolean distributed;

        private Builder() {
        }

        /**
         * Runs the worker in distributed mode (Apache's {@code connect-distributed.properties} keys: {@code group.id},
         * {@code config.storage.topic}, {@code offset.storage.topic}, {@code status.storage.topic}…): it joins the
         * group of workers with the same {@code group.id}, and connectors are created through the REST API of any
         * of them, so {@link #connector} cannot be used with it.
         */
        public Builder distributed() {
            this.distributed = true;
            return this;
        }

        /** Adds worker properties (later values replace earlier ones). */
        public Builder workerProperties(Map<String, String> props) {
            workerProps.putAll(Objects.requireNonNull(props, "props"));
            return this;
        }

        /** Adds the worker properties of a {@code .properties} file. */
        public Builder workerProperties(Path file) {
            return workerProperties(ConfigFiles.readProperties(file));
        }

        /** A connector to create at start, as its config (with {@code name}). */
        public Builder connector(Map<String, String> config) {
            connectors.add(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
            return this;
        }

        /**
         * A connector to create at start, from a file: {@code .properties}, or {@code .json} as
         * {@code {"name": ..., "config": {...}}} or a flat map.
         */
        public Builder connector(Path file) {
            return connector(ConfigFiles.readConnectorConfig(file));
        }

        /** Connectors to create at start, as their configs (each with {@code name}). */
        public Builder connectors(List<Map<String, String>> configs) {
            configs.forEach(this::connector);
            return this;
        }

        /** Connectors to create at start, from files (see {@link #connector(Path)}). */
        public Builder connectorFiles(List<Path> files) {
            files.forEach(this::connector);
            return this;
        }

        /** Directories appended to the worker's {@code plugin.path} (the {@code rill} command adds its plugins). */
        public Builder extraPluginPath(List<Path> directories) {
            extraPluginPath.addAll(directories);
            return this;
        }

        /**
         * Starts the worker: checks the config (every problem listed), discovers plugins, connects to Kafka, starts
         * the REST API and the connectors; fails when any of these fails.
         */
        public ConnectWorker start() {
            Map<String, String> props = new LinkedHashMap<>(workerProps);
            List<String> entries = new ArrayList<>();
            String configured = props.get("plugin.path");
            if (configured != null && !configured.isBlank()) {
                entries.add(configured.strip());
            }
            extraPluginPath.forEach(dir -> entries.add(dir.toAbsolutePath().toString()));
            if (!entries.isEmpty()) {
                props.put("plugin.path", String.join(",", entries));
            }
            if (distributed) {
                if (!connectors.isEmpty()) {
                    throw new IllegalStateException("A distributed worker takes its connectors through the REST API "
                            + "(POST /connectors on any worker), not at start; " + connectors.size() + " connector "
                            + "config(s) were given");
                }
                return new ConnectWorker(DistributedWorker.start(props));
            }
            return new ConnectWorker(StandaloneWorker.start(props, connectors));
        }
    }
}
