package dev.rill.connect.internal.herder;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * The worker group's assignor: Kafka's group coordinator elects a leader among the workers (classic consumer
 * group protocol), the leader's consumer calls {@link #assign} with every member's metadata, and each member gets
 * its share back in {@link #onAssignment}. The connector and task assignment travels
 * in the assignments' user data (one member also gets the config topic's partitions, which it keeps paused). The
 * consumer creates this class by name, so it finds its worker through
 * {@link #MEMBER_KEY} in the consumer's configs.
 */
public final class WorkerAssignor implements ConsumerPartitionAssignor, Configurable {
    /** The consumer config key naming the {@link Member} this assignor serves. */
    public static final String MEMBER_KEY = "rill.connect.group.member";
    static final String PROTOCOL = "rill-connect-v1";
    private static final Map<String, Member> MEMBERS = new ConcurrentHashMap<>();

    /** The worker side of the protocol. */
    public interface Member {
        /** This worker's metadata for a join: its URL and what it runs now. */
        byte[] metadata();

        /** Leader only: the assignment of every member, from every member's metadata. */
        Map<String, byte[]> assign(Map<String, byte[]> metadataByMember);

        /** This worker's share of a completed rebalance. */
        void assigned(byte[] assignment, int generation);
    }

    private Member member;

    static void register(String key, Member member) {
        MEMBERS.put(key, member);
    }

    static void unregister(String key) {
        MEMBERS.remove(key);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object key = configs.get(MEMBER_KEY);
        member = key == null ? null : MEMBERS.get(key.toString());
        if (member == null) {
            throw new IllegalStateException("No Rill Connect worker is registered as " + key + "; this assignor only "
                    + "serves Rill's distributed herder");
        }
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(member.metadata());
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, byte[]> in = new HashMap<>();
        groupSubscription.groupSubscription().forEach((id, s) -> in.put(id, bytes(s.userData())));
        // the subscribed config topic's partitions go to one member, which keeps them paused: the consumer warns
        // about subscribed topics nobody is assigned, and nothing is ever fetched through this consumer
        String first = new java.util.TreeSet<>(in.keySet()).first();
        List<TopicPartition> all = new java.util.ArrayList<>();
        groupSubscription.groupSubscription().get(first).topics().forEach(topic -> {
            List<org.apache.kafka.common.PartitionInfo> partitions = metadata.partitionsForTopic(topic);
            if (partitions != null) {
                partitions.forEach(p -> all.add(new TopicPartition(topic, p.partition())));
            }
        });
        Map<String, Assignment> out = new HashMap<>();
        member.assign(in).forEach((id, data) -> out.put(id, new Assignment(id.equals(first) ? all : List.of(),
                ByteBuffer.wrap(data))));
        return new GroupAssignment(out);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        member.assigned(bytes(assignment.userData()), metadata.generationId());
    }

    @Override
    public String name() {
        return PROTOCOL;
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return new byte[0];
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
