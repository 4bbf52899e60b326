package dev.rill.mirror.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.junit.jupiter.api.Test;

class TopicAclSyncTest {
    private static final ReplicationPolicy POLICY = new DefaultReplicationPolicy();
    private static final TopicSelection SELECTION = new TopicSelection(
            new RegexFilter(List.of("orders.*"), List.of(".*[\\-\\.]internal", "__.*")), POLICY, "B");

    private static AclBinding binding(ResourceType type, String name, PatternType pattern, String principal,
                                      AclOperation operation, AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, permission));
    }

    private static AclBinding topic(String name, String principal, AclOperation operation,
                                    AclPermissionType permission) {
        return binding(ResourceType.TOPIC, name, PatternType.LITERAL, principal, operation, permission);
    }

    @Test
    void shouldCopyReadAndDenyBindingsDowngradeAllowAllAndDropAllowWrite() {
        List<AclBinding> source = List.of(
                topic("orders", "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                topic("orders", "User:bob", AclOperation.ALL, AclPermissionType.ALLOW),
                topic("orders", "User:carol", AclOperation.WRITE, AclPermissionType.ALLOW),
                topic("orders", "User:mallory", AclOperation.WRITE, AclPermissionType.DENY),
                topic("orders", "User:trent", AclOperation.ALL, AclPermissionType.DENY),
                topic("orders", "User:dan", AclOperation.DESCRIBE_CONFIGS, AclPermissionType.ALLOW));
        assertThat(TopicAclSync.remoteBindings(source, SELECTION, POLICY, "A")).containsExactlyInAnyOrder(
                topic("A.orders", "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                topic("A.orders", "User:bob", AclOperation.READ, AclPermissionType.ALLOW),
                topic("A.orders", "User:mallory", AclOperation.WRITE, AclPermissionType.DENY),
                topic("A.orders", "User:trent", AclOperation.ALL, AclPermissionType.DENY),
                topic("A.orders", "User:dan", AclOperation.DESCRIBE_CONFIGS, AclPermissionType.ALLOW));
    }

    @Test
    void shouldKeepTheHostOfABinding() {
        AclBinding fromHost = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
                new AccessControlEntry("User:alice", "10.0.0.7", AclOperation.ALL, AclPermissionType.ALLOW));
        assertThat(TopicAclSync.remoteBindings(List.of(fromHost), SELECTION, POLICY, "A")).containsExactly(
                new AclBinding(new ResourcePattern(ResourceType.TOPIC, "A.orders", PatternType.LITERAL),
                        new AccessControlEntry("User:alice", "10.0.0.7", AclOperation.READ,
                                AclPermissionType.ALLOW)));
    }

    @Test
    void shouldSkipTopicsNotReplicatedPrefixedPatternsTheWildcardAndOtherResources() {
        List<AclBinding> source = List.of(
                topic("payments", "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                topic("orders.internal", "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                topic("B.orders", "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                topic("*", "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                binding(ResourceType.TOPIC, "orders", PatternType.PREFIXED, "User:alice", AclOperation.READ,
                        AclPermissionType.ALLOW),
                binding(ResourceType.GROUP, "orders", PatternType.LITERAL, "User:alice", AclOperation.READ,
                        AclPermissionType.ALLOW));
        assertThat(TopicAclSync.remoteBindings(source, SELECTION, POLICY, "A")).isEmpty();
    }

    @Test
    void shouldNameTheRemoteTopicWithTheReplicationPolicy() {
        Map<String, String> props = Map.of("replication.policy.separator", "_");
        DefaultReplicationPolicy underscore = new DefaultReplicationPolicy();
        underscore.configure(props);
        TopicSelection selection = new TopicSelection(new RegexFilter(List.of(".*"), List.of()), underscore, "B");
        assertThat(TopicAclSync.remoteBindings(
                List.of(topic("orders", "User:alice", AclOperation.READ, AclPermissionType.ALLOW)), selection,
                underscore, "A"))
                .extracting(b -> b.pattern().name()).containsExactly("A_orders");
    }
}
