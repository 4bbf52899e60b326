package dev.rill.connect;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.ConfigFiles;
import dev.rill.connect.internal.config.ConfigProviders;
import dev.rill.connect.internal.config.InvalidConfigException;
import dev.rill.connect.internal.config.WorkerClassCheck;
import dev.rill.connect.internal.config.WorkerConfig;
import dev.rill.connect.internal.herder.RequestException;
import dev.rill.connect.internal.herder.StandaloneHerder;
import dev.rill.connect.internal.plugins.ApacheWorkerClasspath;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.rest.RestServer;
import dev.rill.connect.internal.storage.MemoryConfigStore;
import dev.rill.connect.internal.storage.MemoryStatusStore;
import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.runtime.Worker;
import dev.rill.connect.internal.storage.FileOffsetStore;

/**
 * A Kafka Connect compatible worker in standalone mode: one process, connectors given at start (and through the
 * REST API), source offsets in {@code offset.storage.file.filename}. Accepts the keys of Apache Kafka's
 * {@code connect-standalone.properties}.
 *
 * <pre>{@code
 * try (StandaloneWorker worker = StandaloneWorker.start(Path.of("worker.properties"),
 *                                                      List.of(Path.of("file-sink.properties")))) {
 *     System.out.println("REST API at " + worker.restUrl());
 *     worker.awaitStop();
 * }
 * }</pre>
 */
final class StandaloneWorker implements ConnectWorker.Running {
    /**
     * The system property naming the directory of Apache Kafka's 4.3.1 worker jars (connect-runtime and its
     * libraries), which plugins such as connect-mirror use; the {@code rill} command sets it.
     */
    public static final String APACHE_WORKER_DIR_PROPERTY = ApacheWorkerClasspath.DIR_PROPERTY;

    private static final Logger log = LoggerFactory.getLogger(StandaloneWorker.class);

    private final Plugins plugins;
    private final ConfigProviders providers;
    private final Worker worker;
    private final StandaloneHerder herder;
    private final RestServer rest;
    private final String restUrl;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private StandaloneWorker(Plugins plugins, ConfigProviders providers, Worker worker, StandaloneHerder herder,
                             RestServer rest, String restUrl) {
        this.plugins = plugins;
        this.providers = providers;
        this.worker = worker;
        this.herder = herder;
        this.rest = rest;
        this.restUrl = restUrl;
    }

    /**
     * Starts a worker from a worker properties file and connector files ({@code .properties}, or {@code .json}
     * as {@code {"name": ..., "config": {...}}} or a flat map).
     */
    public static StandaloneWorker start(Path workerProperties, List<Path> connectorConfigs) {
        return start(workerProperties, connectorConfigs, List.of());
    }

    /**
     * Like {@link #start(Path, List)}, with {@code extraPluginPath} directories appended to the worker's
     * {@code plugin.path} (the {@code rill} command adds Rill's built-in plugins this way).
     */
    public static StandaloneWorker start(Path workerProperties, List<Path> connectorConfigs, List<Path> extraPluginPath) {
        Map<String, String> props = new java.util.LinkedHashMap<>(ConfigFiles.readProperties(workerProperties));
        List<String> entries = new ArrayList<>();
        String configured = props.get("plugin.path");
        if (configured != null && !configured.isBlank()) {
            entries.add(configured.strip());
        }
        extraPluginPath.forEach(dir -> entries.add(dir.toAbsolutePath().toString()));
        if (!entries.isEmpty()) {
            props.put("plugin.path", String.join(",", entries));
        }
        List<Map<String, String>> connectors = new ArrayList<>();
        for (Path p : connectorConfigs) {
            connectors.add(ConfigFiles.readConnectorConfig(p));
        }
        return start(props, connectors);
    }

    /** Starts a worker from in-memory worker properties and connector configs. */
    public static StandaloneWorker start(Map<String, String> workerProps, List<Map<String, String>> connectorConfigs) {
        long begin = System.currentTimeMillis();
        List<String> problems = new ArrayList<>();
        WorkerConfig unresolved = WorkerConfig.standalone(workerProps, problems);
        unresolved.warnings().forEach(log::warn);
        // the REST server (Jetty) and plugin discovery both take a moment: start them side by side (the server only
        // when the config is sound so far, so that a bad listener is reported, not bound to a default port)
        AtomicReference<StandaloneHerder> herderRef = new AtomicReference<>();
        RestServer rest = new RestServer(herderRef::get);
        URI listener = unresolved.listener();
        CompletableFuture<Void> restStarted = problems.isEmpty()
                ? CompletableFuture.runAsync(() -> rest.start(listener)) : CompletableFuture.completedFuture(null);
        Plugins plugins;
        try {
            plugins = Plugins.discover(unresolved.pluginPath(), unresolved.discovery());
        } catch (RuntimeException e) {
            awaitQuietly(restStarted);
            closeQuietly(rest);
            throw e;
        }
        problems.addAll(WorkerClassCheck.problems(unresolved, plugins));
        if (!problems.isEmpty()) {
            awaitQuietly(restStarted);
            closeQuietly(rest);
            plugins.close();
            throw new InvalidConfigException("Worker configuration", problems);
        }
        long pluginsDone = System.currentTimeMillis();
        ConfigProviders providers = null;
        Worker worker = null;
        StandaloneHerder herder = null;
        try {
            join(restStarted);
            long restDone = System.currentTimeMillis();
            providers = ConfigProviders.create(workerProps, plugins);
            WorkerConfig config = WorkerConfig.standalone(providers.resolve(workerProps));
            FileOffsetStore offsets = new FileOffsetStore(Paths.get(config.offsetFile()));
            offsets.start();
            String host = config.advertisedHost() != null ? config.advertisedHost() : advertisedHost(listener);
            int port = config.advertisedPort() != null ? config.advertisedPort() : rest.port();
            StatusStore statuses = new MemoryStatusStore(host + ":" + port);
            worker = new Worker(config, plugins, offsets, statuses);
            Worker w = worker;
            long kafkaTimeoutMs = config.kafkaStartupTimeoutMs();
            org.apache.kafka.common.KafkaFuture<String> clusterIdFuture = worker.admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, kafkaTimeoutMs)))
                    .clusterId();
            String clusterId = clusterId(w, clusterIdFuture, kafkaTimeoutMs); // fail fast when Kafka is unreachable
            herder = new StandaloneHerder(worker, new MemoryConfigStore(), statuses, providers, () -> clusterId);
            herderRef.set(herder);
            long kafkaDone = System.currentTimeMillis();
            String url = "http://" + host + ":" + rest.port() + "/";
            for (Map<String, String> c : connectorConfigs) {
                String name = c.get("name");
                try {
                    herder.putConnectorConfig(name, c, TargetState.STARTED, false);
                } catch (RequestException e) {
                    throw new ConnectException("Connector config " + (name == null ? "(no name)" : name)
                            + " was rejected: " + e.getMessage(), e);
                }
            }
            herder.ready();
            long end = System.currentTimeMillis();
            log.info("Rill Connect standalone worker started in {} ms (plugins {} ms, REST ready after {} ms, "
                    + "Kafka {} ms, {} connectors {} ms); REST API at {}", end - begin, pluginsDone - begin,
                    restDone - begin, kafkaDone - restDone, connectorConfigs.size(), end - kafkaDone, url);
            return new StandaloneWorker(plugins, providers, worker, herder, rest, url);
        } catch (RuntimeException e) {
            awaitQuietly(restStarted);
            closeQuietly(rest);
            closeQuietly(herder);
            closeQuietly(worker);
            closeQuietly(providers);
            plugins.close();
            throw e;
        }
    }

    static void join(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (RuntimeException ignored) {
            // the original failure is reported
        }
    }

    static String advertisedHost(URI listener) {
        String host = listener.getHost();
        if (host != null && !host.isEmpty() && !"0.0.0.0".equals(host)) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static String clusterId(Worker worker, org.apache.kafka.common.KafkaFuture<String> future,
                                    long timeoutMs) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            WorkerConfig config = worker.config();
            String advice = config.bootstrapDefaulted()
                    ? WorkerConfig.BOOTSTRAP_SERVERS + " is not set in the worker config, so the default "
                    + WorkerConfig.DEFAULT_BOOTSTRAP_SERVERS + " was used: set " + WorkerConfig.BOOTSTRAP_SERVERS
                    + " to your Kafka brokers"
                    : "check that the brokers are running and that " + WorkerConfig.BOOTSTRAP_SERVERS + " is right";
            throw new ConnectException("Could not reach Kafka at " + WorkerConfig.BOOTSTRAP_SERVERS + "="
                    + config.bootstrapServers() + " within " + timeoutMs + " ms (" + e.getClass().getSimpleName()
                    + "); " + advice + ". (" + WorkerConfig.KAFKA_STARTUP_TIMEOUT_MS + " sets how long to wait.)", e);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("Error while shutting down {}", c.getClass().getSimpleName(), e);
        }
    }

    /** The base URL of the REST API, e.g. {@code http://host:8083/}. */
    public String restUrl() {
        return restUrl;
    }

    /**
     * The class loader of the plugin that provides a connector (its class name or alias). A tool in the same process
     * that must share a library with the connector uses it; SQLite, say, keeps its file locks per loaded copy, so a
     * second copy reading the connector's database would break the connector's locks.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException if no plugin provides that connector
     */
    public ClassLoader pluginClassLoader(String connectorClass) {
        return plugins.connector(connectorClass).loader();
    }

    /** Blocks until {@link #close()} is called (e.g. from a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the REST API, every task and connector (committing offsets), and releases all clients. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping Rill Connect standalone worker");
        closeQuietly(rest);
        closeQuietly(herder);
        closeQuietly(worker);
        closeQuietly(providers);
        plugins.close();
        stopped.countDown();
    }
}
