package dev.rill.kafka.embedded;

import dev.rill.kafka.embedded.internal.ClusterManifest;
import dev.rill.kafka.embedded.internal.KafkaNode;
import dev.rill.kafka.embedded.internal.NodeRole;
import dev.rill.kafka.embedded.internal.NodeSpec;
import dev.rill.kafka.embedded.internal.NodeState;
import dev.rill.kafka.embedded.internal.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache Kafka cluster (KRaft mode) running inside this JVM, for tests, development and the demo.
 *
 * <p>By default one combined broker+controller node on a free port with a temporary data directory that is
 * deleted on {@link #close()}. With {@link Builder#brokers(int)} above one, a dedicated controller serves
 * that many brokers, and with {@link Builder#forkedBrokers(boolean)} the brokers run in child JVMs so a test
 * can {@link #hardKillBroker(int) kill one} like {@code kill -9}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().start()) {
 *     kafka.createTopic("payment", 4, 1);
 *     Properties props = new Properties();
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** Node id of the dedicated controller in clusters with more than one broker. */
    public static final int CONTROLLER_ID = 100;
    private static final long AWAIT_SECONDS = 60;

    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final String clusterId;
    private final KafkaNode controller;
    private final Map<Integer, KafkaNode> brokers;
    private boolean closed;

    private EmbeddedKafkaCluster(Builder builder) {
        if (builder.port != 0) {
            // Check fixed ports before touching the data dir, so a busy port leaves nothing behind.
            for (int index = 0; index < builder.brokers; index++) {
                Ports.requireFree(builder.port + index);
            }
        }
        this.deleteDataDirOnClose = builder.dataDir == null;
        this.dataDir = builder.dataDir != null ? builder.dataDir : createTempDir();
        ClusterManifest manifest = ClusterManifest.openOrCreate(dataDir, builder.brokers);
        this.clusterId = manifest.clusterId();
        this.brokers = new LinkedHashMap<>();
        int controllerPort = Ports.freePort();
        if (builder.brokers == 1) {
            String voters = "0@localhost:" + controllerPort;
            NodeSpec spec = new NodeSpec(0, NodeRole.COMBINED, clientPort(builder, 0), controllerPort,
                    dataDir.resolve("node-0"), clusterId, voters, 1, builder.overrides);
            this.controller = null;
            brokers.put(0, KafkaNode.create(spec, builder.forkedBrokers));
        } else {
            String voters = CONTROLLER_ID + "@localhost:" + controllerPort;
            this.controller = KafkaNode.create(new NodeSpec(CONTROLLER_ID, NodeRole.CONTROLLER, -1, controllerPort,
                    dataDir.resolve("node-" + CONTROLLER_ID), clusterId, voters, builder.brokers, builder.overrides), false);
            for (int id = 0; id < builder.brokers; id++) {
                NodeSpec spec = new NodeSpec(id, NodeRole.BROKER, clientPort(builder, id), -1,
                        dataDir.resolve("node-" + id), clusterId, voters, builder.brokers, builder.overrides);
                brokers.put(id, KafkaNode.create(spec, builder.forkedBrokers));
            }
        }
    }

    private static int clientPort(Builder builder, int index) {
        if (builder.port == 0) {
            return Ports.freePort();
        }
        return builder.port + index;
    }

    /** A builder for a cluster; {@code builder().start()} gives the default one-node cluster. */
    public static Builder builder() {
        return new Builder();
    }

    private void start() {
        try {
            if (controller != null) {
                controller.start();
            }
            startAll(List.copyOf(brokers.values()));
            awaitBrokersRegistered(brokers.keySet());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void startAll(List<KafkaNode> nodes) {
        if (nodes.size() == 1) {
            nodes.get(0).start();
            return;
        }
        // Brokers start in parallel: each waits for its registration with the controller.
        List<CompletableFuture<Void>> starts = nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::start))
                .collect(Collectors.toList());
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    /** {@code bootstrap.servers} for clients: every broker's address, comma separated. */
    public String bootstrapServers() {
        return brokers.values().stream().map(node -> node.spec().clientAddress()).collect(Collectors.joining(","));
    }

    /** The KRaft cluster id (kept in the data directory across restarts). */
    public String clusterId() {
        return clusterId;
    }

    /** Ids of the brokers, in order. */
    public List<Integer> brokerIds() {
        return List.copyOf(brokers.keySet());
    }

    /** The directory holding every node's data. */
    public Path dataDir() {
        return dataDir;
    }

    /** A client config map with {@code bootstrap.servers} set, to add client settings to. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A new admin client for this cluster; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** Creates a topic and waits until every partition has a leader. */
    public void createTopic(String name, int partitions, int replicationFactor) {
        createTopic(name, partitions, replicationFactor, Map.of());
    }

    /** Creates a topic with topic-level configs (e.g. {@code min.insync.replicas}) and waits for its leaders. */
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor).configs(configs)))
                    .all().get(AWAIT_SECONDS, TimeUnit.SECONDS);
            awaitCondition("leaders for all " + partitions + " partitions of " + name, () ->
                    admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("could not create topic " + name + ": " + e.getCause().getMessage(), e);
        } catch (Exception e) {
            throw new EmbeddedKafkaException("could not create topic " + name + ": " + e, e);
        }
    }

    /** Creates a topic whose name starts with {@code prefix} and is unique, so parallel tests don't collide. */
    public String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(name, partitions, 1);
        return name;
    }

    /** Stops one broker cleanly (controlled shutdown). */
    public synchronized void stopBroker(int brokerId) {
        broker(brokerId).stop();
    }

    /** Kills one broker like {@code kill -9}; needs {@link Builder#forkedBrokers(boolean) forked brokers}. */
    public synchronized void hardKillBroker(int brokerId) {
        broker(brokerId).hardKill();
    }

    /** Starts a stopped or killed broker again on the same ports and data; waits until it is registered. */
    public synchronized void startBroker(int brokerId) {
        broker(brokerId).start();
        awaitBrokersRegistered(Set.of(brokerId));
    }

    /** Stops a broker (if running) and starts it again on the same ports and data. */
    public synchronized void restartBroker(int brokerId) {
        KafkaNode node = broker(brokerId);
        if (node.state().isUp()) {
            node.stop();
        }
        startBroker(brokerId);
    }

    /** Whether a broker is running (started and neither stopped nor killed). */
    public synchronized boolean isBrokerRunning(int brokerId) {
        return broker(brokerId).state() == NodeState.RUNNING;
    }

    private KafkaNode broker(int brokerId) {
        KafkaNode node = brokers.get(brokerId);
        if (node == null) {
            throw new IllegalArgumentException("no broker with id " + brokerId + "; this cluster's brokers are "
                    + brokers.keySet());
        }
        return node;
    }

    private void awaitBrokersRegistered(Set<Integer> ids) {
        try (Admin admin = admin()) {
            awaitCondition("brokers " + ids + " registered", () -> admin.describeCluster().nodes()
                    .get(AWAIT_SECONDS, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet())
                    .containsAll(ids));
        }
    }

    private static void awaitCondition(String what, Check check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("interrupted while waiting for " + what, e);
            }
        }
        throw new EmbeddedKafkaException("timed out after " + AWAIT_SECONDS + " s waiting for " + what
                + (last == null ? "" : "; last error: " + last), last);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Stops every node (brokers first) and deletes the data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        List<KafkaNode> order = new ArrayList<>(brokers.values());
        if (controller != null) {
            order.add(controller);
        }
        for (KafkaNode node : order) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (deleteDataDirOnClose) {
            deleteRecursively(dataDir);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("rill-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp dir left behind is harmless.
        }
    }

    /** Options of an embedded cluster; {@link #start()} returns it running. */
    public static final class Builder {
        private int brokers = 1;
        private int port;
        private Path dataDir;
        private boolean forkedBrokers;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** Number of brokers (default 1: one combined broker+controller node; more adds a dedicated controller). */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** First client port (broker i listens on port + i); default 0 picks free ports. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Keeps data in this directory across restarts; default is a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Runs brokers in child JVMs so they can be hard-killed (default false: all in this JVM). */
        public Builder forkedBrokers(boolean forkedBrokers) {
            this.forkedBrokers = forkedBrokers;
            return this;
        }

        /** A server property for every node, winning over Rill's development defaults. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Builds and starts the cluster; returns once every broker serves requests. */
        public EmbeddedKafkaCluster start() {
            EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(this);
            cluster.start();
            return cluster;
        }
    }
}
