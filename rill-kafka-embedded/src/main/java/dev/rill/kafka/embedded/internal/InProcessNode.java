package dev.rill.kafka.embedded.internal;

import kafka.server.KafkaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/** A KRaft node running on threads of this JVM: the fast default. */
final class InProcessNode implements KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessNode.class);

    private final NodeSpec spec;
    private NodeState state = NodeState.NEW;
    private KafkaRaftServer server;

    InProcessNode(NodeSpec spec) {
        this.spec = spec;
    }

    @Override
    public NodeSpec spec() {
        return spec;
    }

    @Override
    public synchronized NodeState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        state = state.transitionTo(NodeState.STARTING);
        try {
            StorageFormat.ensureFormatted(spec);
            server = new KafkaRaftServer(KafkaConfig.fromProps(NodeConfigs.serverProperties(spec), false), Time.SYSTEM);
            long started = System.nanoTime();
            server.startup();
            state = state.transitionTo(NodeState.RUNNING);
            LOG.info("Kafka node {} ({}) started in {} ms", spec.id(), spec.role(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            shutdownQuietly();
            state = state.transitionTo(NodeState.STOPPED);
            throw e;
        }
    }

    @Override
    public synchronized void stop() {
        if (state == NodeState.RUNNING) {
            long started = System.nanoTime();
            shutdownQuietly();
            LOG.info("Kafka node {} stopped in {} ms", spec.id(), (System.nanoTime() - started) / 1_000_000);
            state = state.transitionTo(NodeState.STOPPED);
        }
    }

    @Override
    public void hardKill() {
        throw new UnsupportedOperationException("node " + spec.id() + " runs inside this JVM and cannot be killed like "
                + "kill -9; build the cluster with EmbeddedKafkaCluster.builder().forkedBrokers(true) to hard-kill brokers");
    }

    private void shutdownQuietly() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
