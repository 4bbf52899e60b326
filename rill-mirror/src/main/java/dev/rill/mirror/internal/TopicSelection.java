package dev.rill.mirror.internal;

import org.apache.kafka.connect.mirror.ReplicationPolicy;

/**
 * Which source topics a flow replicates: those the topic filter accepts (and the heartbeats topics, as MirrorMaker
 * 2 does), never the replication policy's internal topics, and never a topic whose chain of sources passes through
 * the target cluster: in active/active, {@code B.test} on A is not sent back to B.
 */
public final class TopicSelection {
    private final RegexFilter filter;
    private final ReplicationPolicy policy;
    private final String targetAlias;

    public TopicSelection(RegexFilter filter, ReplicationPolicy policy, String targetAlias) {
        this.filter = filter;
        this.policy = policy;
        this.targetAlias = targetAlias;
    }

    public boolean replicates(String topic) {
        return (filter.test(topic) || policy.isHeartbeatsTopic(topic))
                && !policy.isInternalTopic(topic)
                && !isCycle(topic);
    }

    /** True if the target cluster is one of the topic's upstream sources. */
    public boolean isCycle(String topic) {
        String current = topic;
        for (int hops = 0; hops < 64; hops++) {
            String source = policy.topicSource(current);
            if (source == null) {
                return false;
            }
            if (source.equals(targetAlias)) {
                return true;
            }
            String upstream = policy.upstreamTopic(current);
            if (upstream == null || upstream.equals(current)) {
                return false; // e.g. the identity policy: a topic is its own upstream
            }
            current = upstream;
        }
        return true; // a chain this long can only come from a policy that never ends a chain
    }
}
