package dev.rill.connect.internal.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The keys a worker config may hold: Apache Kafka Connect's worker keys (standalone and distributed, so one file can
 * serve both), Rill's own {@code rill.*} keys, the Kafka client keys the worker passes to its clients, and the
 * prefixes of per-plugin and per-client settings. A key outside these is most likely a typo; {@link #suggestion}
 * names the closest known key.
 */
final class WorkerConfigKeys {
    private static final List<String> PREFIXES = List.of("producer.", "consumer.", "admin.", "config.providers.",
            "key.converter.", "value.converter.", "header.converter.", "listeners.https.", "admin.listeners.https.",
            "metrics.context.", "rest.extension.");

    private static final Set<String> KNOWN = new TreeSet<>(List.of(
            // worker keys (Apache Kafka Connect 4.3 WorkerConfig and StandaloneConfig)
            "bootstrap.servers", "client.dns.lookup", "key.converter", "value.converter", "header.converter",
            "key.converter.plugin.version", "value.converter.plugin.version", "header.converter.plugin.version",
            "task.shutdown.graceful.timeout.ms", "offset.flush.interval.ms", "offset.flush.timeout.ms",
            "listeners", "rest.host.name", "rest.port", "rest.advertised.host.name", "rest.advertised.port",
            "rest.advertised.listener", "admin.listeners", "access.control.allow.origin",
            "access.control.allow.methods", "plugin.path", "plugin.discovery", "config.providers",
            "rest.extension.classes", "connector.client.config.override.policy", "metrics.sample.window.ms",
            "metrics.num.samples", "metrics.recording.level", "metric.reporters", "auto.include.jmx.reporter",
            "topic.tracking.enable", "topic.tracking.allow.reset", "topic.creation.enable",
            "response.http.headers.config", "offset.storage.file.filename",
            // Rill's own keys
            WorkerConfig.PLUGIN_PATH_MISSING, WorkerConfig.KAFKA_STARTUP_TIMEOUT_MS,
            // distributed-mode keys: accepted (unused) so that one file can serve both modes
            "group.id", "session.timeout.ms", "heartbeat.interval.ms", "rebalance.timeout.ms",
            "worker.sync.timeout.ms", "worker.unsync.backoff.ms", "offset.storage.topic",
            "offset.storage.partitions", "offset.storage.replication.factor", "config.storage.topic",
            "config.storage.replication.factor", "status.storage.topic", "status.storage.partitions",
            "status.storage.replication.factor", "connect.protocol", "scheduled.rebalance.max.delay.ms",
            "inter.worker.key.generation.algorithm", "inter.worker.key.size", "inter.worker.key.ttl.ms",
            "inter.worker.signature.algorithm", "inter.worker.verification.algorithms",
            "exactly.once.source.support"));

    static {
        // the worker's own Kafka clients are configured from the top-level keys too (security, SSL, SASL, timeouts)
        KNOWN.addAll(AdminClientConfig.configNames());
        KNOWN.addAll(ProducerConfig.configNames());
        KNOWN.addAll(ConsumerConfig.configNames());
    }

    private WorkerConfigKeys() {
    }

    static boolean isKnown(String key) {
        if (KNOWN.contains(key)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The known key closest to {@code key} in edit distance, or null when none is close enough to be a typo. */
    static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : KNOWN) {
            int d = distance(key, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
