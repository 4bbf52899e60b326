package dev.rill.cli.mirror;

import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads the replication latency of a flow from the MirrorMaker 2 metrics that Rill Mirror's source tasks register
 * in this JVM ({@code kafka.connect.mirror:type=MirrorSourceConnector,source=…,target=…,topic=…,partition=…}, one
 * MBean per partition a task here owns). {@code rill mirror} runs its workers in its own JVM, so these are the tasks
 * of this process only.
 */
final class LocalMirrorMetrics {
    private static final ObjectName SOURCE_PARTITIONS = objectName(
            "kafka.connect.mirror:type=MirrorSourceConnector,*");

    private final MBeanServer server;

    LocalMirrorMetrics(MBeanServer server) {
        this.server = server;
    }

    /** The latency of flow {@code source->target} over the partitions of the tasks here. */
    ReplicationLatency latency(String source, String target) {
        List<ReplicationLatency.Partition> partitions = new ArrayList<>();
        for (ObjectName name : server.queryNames(SOURCE_PARTITIONS, null)) {
            if (source.equals(name.getKeyProperty("source")) && target.equals(name.getKeyProperty("target"))) {
                try {
                    partitions.add(new ReplicationLatency.Partition(
                            number(name, "replication-latency-ms-avg"), number(name, "replication-latency-ms-max")));
                } catch (JMException e) {
                    // the task stopped owning the partition between the query and the read
                }
            }
        }
        return partitions.isEmpty() ? ReplicationLatency.NOT_LOCAL : ReplicationLatency.of(partitions);
    }

    private double number(ObjectName name, String attribute) throws JMException {
        return server.getAttribute(name, attribute) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
