package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start, under exactly-once, that the cluster can run transactions at all: a cluster with fewer brokers
 * than {@code transaction.state.log.replication.factor} never creates {@code __transaction_state}, and every
 * producer would wait in {@code initTransactions} until it times out. Say so at once instead.
 */
final class TransactionSupport {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSupport.class);
    static final String TRANSACTION_STATE_TOPIC = "__transaction_state";
    static final String REPLICATION_FACTOR = "transaction.state.log.replication.factor";

    private TransactionSupport() {
    }

    /**
     * @throws StreamsException if the transaction state topic does not exist and cannot be created on this cluster
     */
    static void check(Admin admin, StreamsConfig config) {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            if (topics.contains(TRANSACTION_STATE_TOPIC)) {
                return;
            }
            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            if (nodes.isEmpty()) {
                return;
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
            Config c = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            ConfigEntry rf = c == null ? null : c.get(REPLICATION_FACTOR);
            if (rf == null || rf.value() == null) {
                return;
            }
            int needed = Integer.parseInt(rf.value());
            if (nodes.size() < needed) {
                throw new StreamsException(StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "="
                        + config.processingGuarantee() + " needs the brokers' transaction state topic "
                        + TRANSACTION_STATE_TOPIC + ", which does not exist yet and cannot be created: the brokers "
                        + "have " + REPLICATION_FACTOR + "=" + needed + " but the cluster has " + nodes.size()
                        + " broker(s). Set " + REPLICATION_FACTOR + " (and transaction.state.log.min.isr) to at most "
                        + nodes.size() + " in the brokers' configuration, add brokers, or use "
                        + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + StreamsConfig.AT_LEAST_ONCE + ".");
            }
        } catch (ExecutionException | TimeoutException | NumberFormatException e) {
            // not allowed to describe, or a slow cluster: the producers' initTransactions reports problems later
            LOG.warn("Could not check whether the cluster supports transactions: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while checking the cluster's transaction support", e);
        }
    }
}
