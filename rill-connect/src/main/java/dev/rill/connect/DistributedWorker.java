package dev.rill.connect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.ConfigProviders;
import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.config.DistributedConfig;
import dev.rill.connect.internal.config.InvalidConfigException;
import dev.rill.connect.internal.config.WorkerClassCheck;
import dev.rill.connect.internal.config.WorkerConfig;
import dev.rill.connect.internal.herder.DistributedHerder;
import dev.rill.connect.internal.herder.SharedConfigTopicCheck;
import dev.rill.connect.internal.herder.Herder;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.rest.RestServer;
import dev.rill.connect.internal.runtime.Worker;
import dev.rill.connect.internal.storage.InternalTopics;
import dev.rill.connect.internal.storage.KafkaConfigStore;
import dev.rill.connect.internal.storage.KafkaOffsetStore;
import dev.rill.connect.internal.storage.KafkaStatusStore;

/**
 * A Kafka Connect compatible worker in distributed mode: workers with the same {@code group.id} share the
 * connectors of the cluster, kept in the config, offsets and status topics. Accepts the keys of Apache Kafka's
 * {@code connect-distributed.properties}; connectors are created through the REST API of any worker.
 */
final class DistributedWorker implements ConnectWorker.Running {
    private static final Logger log = LoggerFactory.getLogger(DistributedWorker.class);

    private final Plugins plugins;
    private final List<AutoCloseable> resources;
    private final String restUrl;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private DistributedWorker(Plugins plugins, List<AutoCloseable> resources, String restUrl) {
        this.plugins = plugins;
        this.resources = resources;
        this.restUrl = restUrl;
    }

    /** Starts a worker from in-memory worker properties: checks them (every problem at once), then joins the group. */
    static DistributedWorker start(Map<String, String> workerProps) {
        long begin = System.currentTimeMillis();
        List<String> problems = new ArrayList<>();
        WorkerConfig unresolved = WorkerConfig.distributed(workerProps, problems);
        unresolved.warnings().forEach(log::warn);
        AtomicReference<Herder> herderRef = new AtomicReference<>();
        RestServer rest = new RestServer(herderRef::get);
        URI listener = unresolved.listener();
        CompletableFuture<Void> restStarted = problems.isEmpty()
                ? CompletableFuture.runAsync(() -> rest.start(listener)) : CompletableFuture.completedFuture(null);
        Plugins plugins;
        try {
            plugins = Plugins.discover(unresolved.pluginPath(), unresolved.discovery());
        } catch (RuntimeException e) {
            StandaloneWorker.awaitQuietly(restStarted);
            StandaloneWorker.closeQuietly(rest);
            throw e;
        }
        problems.addAll(WorkerClassCheck.problems(unresolved, plugins));
        if (!problems.isEmpty()) {
            StandaloneWorker.awaitQuietly(restStarted);
            StandaloneWorker.closeQuietly(rest);
            plugins.close();
            throw new InvalidConfigException("Worker configuration", problems);
        }
        ConfigProviders providers = null;
        Worker worker = null;
        KafkaOffsetStore offsets = null;
        KafkaStatusStore statuses = null;
        KafkaConfigStore configs = null;
        DistributedHerder herder = null;
        try {
            StandaloneWorker.join(restStarted);
            providers = ConfigProviders.create(workerProps, plugins);
            WorkerConfig config = WorkerConfig.distributed(providers.resolve(workerProps));
            DistributedConfig dc = config.distributedConfig();
            String host = config.advertisedHost() != null ? config.advertisedHost()
                    : StandaloneWorker.advertisedHost(listener);
            int port = config.advertisedPort() != null ? config.advertisedPort() : rest.port();
            String workerId = host + ":" + port;
            String url = "http://" + workerId + "/";
            Map<String, Object> clientProps = new HashMap<>(config.withPrefix(""));
            clientProps.keySet().removeIf(k -> !isClientKey(k));
            clientProps.put("bootstrap.servers", config.bootstrapServers());
            Duration timeout = Duration.ofMillis(config.kafkaStartupTimeoutMs());
            String clientId = "rill-connect-" + dc.groupId() + "-" + workerId;

            offsets = new KafkaOffsetStore(dc.offsetTopic(), clientProps, clientId, timeout);
            AtomicReference<DistributedHerder> herderHolder = new AtomicReference<>();
            statuses = new KafkaStatusStore(dc.statusTopic(), clientProps, clientId, timeout, workerId,
                    () -> herderHolder.get() == null ? -1 : herderHolder.get().generation());
            worker = new Worker(config, plugins, offsets, statuses);
            Worker w = worker;
            // a source connector's own offsets topic (offsets.storage.topic): created like the worker's, compacted
            w.connectorOffsetTopics(topic -> {
                InternalTopics.ensure(w.admin(), List.of(new InternalTopics.Spec(topic,
                        ConnectorConfigDefs.OFFSETS_STORAGE_TOPIC, dc.offsetPartitions(), dc.offsetReplication(),
                        false)), timeout.toMillis());
                KafkaOffsetStore own = new KafkaOffsetStore(topic, clientProps, clientId + "-" + topic, timeout);
                own.start();
                return own;
            });
            long clientsAt = System.currentTimeMillis();
            String clusterId = StandaloneWorker.clusterId(w, w.admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .clusterId(), timeout.toMillis());
            InternalTopics.ensure(worker.admin(), List.of(
                    new InternalTopics.Spec(dc.configTopic(), DistributedConfig.CONFIG_TOPIC, 1,
                            dc.configReplication(), true),
                    new InternalTopics.Spec(dc.offsetTopic(), DistributedConfig.OFFSET_TOPIC, dc.offsetPartitions(),
                            dc.offsetReplication(), false),
                    new InternalTopics.Spec(dc.statusTopic(), DistributedConfig.STATUS_TOPIC, dc.statusPartitions(),
                            dc.statusReplication(), false)), timeout.toMillis());
            long topicsAt = System.currentTimeMillis();
            SharedConfigTopicCheck.requireUnshared(worker.admin(), dc, timeout.toMillis());
            long checkedAt = System.currentTimeMillis();
            configs = new KafkaConfigStore(dc.configTopic(), clientProps, clientId, timeout);
            KafkaOffsetStore o = offsets;
            KafkaStatusStore st = statuses;
            KafkaConfigStore c = configs;
            // the three topics are read to their ends at the same time (each has its own clients)
            startTogether(List.of(o::start, st::start, c::start));
            herder = new DistributedHerder(worker, configs, statuses, providers, () -> clusterId, () -> url,
                    clientProps, dc, clientId);
            herderHolder.set(herder);
            long storesAt = System.currentTimeMillis();
            herder.start(Duration.ofSeconds(30));
            herderRef.set(herder);
            long joinedAt = System.currentTimeMillis();
            log.info("Rill Connect distributed worker {} joined group {} in {} ms (plugins and REST {} ms, cluster "
                    + "and internal topics {} ms, shared-topic check {} ms, internal topics read {} ms, group join {} "
                    + "ms); REST API at {}", workerId, dc.groupId(), joinedAt - begin, clientsAt - begin,
                    topicsAt - clientsAt, checkedAt - topicsAt, storesAt - checkedAt, joinedAt - storesAt, url);
            return new DistributedWorker(plugins, closeOrder(rest, herder, worker, configs, statuses, offsets,
                    providers), url);
        } catch (RuntimeException e) {
            StandaloneWorker.awaitQuietly(restStarted);
            closeOrder(rest, herder, worker, configs, statuses, offsets, providers)
                    .forEach(StandaloneWorker::closeQuietly);
            plugins.close();
            throw e;
        }
    }

    /** Runs the start-ups in parallel and waits for all; the first failure is thrown once all have ended. */
    private static void startTogether(List<Runnable> starts) {
        List<CompletableFuture<Void>> running = starts.stream().map(CompletableFuture::runAsync).toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** REST first (no new requests), then the herder (leaves the group, stops tasks), then clients. */
    private static List<AutoCloseable> closeOrder(RestServer rest, DistributedHerder herder, Worker worker,
                                                  KafkaConfigStore configs, KafkaStatusStore statuses,
                                                  KafkaOffsetStore offsets, ConfigProviders providers) {
        List<AutoCloseable> out = new ArrayList<>();
        out.add(rest);
        if (herder != null) {
            out.add(herder);
        }
        if (worker != null) {
            out.add(worker);
        }
        if (configs != null) {
            out.add(configs::close);
        }
        if (statuses != null) {
            out.add(statuses::close);
        }
        if (offsets != null) {
            out.add(offsets);
        }
        if (providers != null) {
            out.add(providers);
        }
        return out;
    }

    /** Worker keys that also configure the worker's own Kafka clients (security, timeouts), not worker-only keys. */
    private static boolean isClientKey(String key) {
        return org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(key)
                && !key.equals("client.id");
    }

    @Override
    public String restUrl() {
        return restUrl;
    }

    @Override
    public ClassLoader pluginClassLoader(String connectorClass) {
        return plugins.connector(connectorClass).loader();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Leaves the group (its tasks move at once), stops the REST API, tasks and connectors, releases all clients. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping Rill Connect distributed worker");
        resources.forEach(StandaloneWorker::closeQuietly);
        plugins.close();
        stopped.countDown();
    }
}
