package dev.rill.mirror;

import static dev.rill.mirror.MirrorTesting.flows;
import static dev.rill.mirror.MirrorTesting.startWorker;
import static dev.rill.mirror.MirrorTesting.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic ACLs follow their topics from A to B, as MirrorMaker 2's sync.topic.acls.enabled copies them, on two KRaft
 * clusters with the StandardAuthorizer (the plaintext clients are User:ANONYMOUS, a super user, so the mirror itself
 * is allowed everything): ALLOW READ is copied, ALLOW ALL arrives as ALLOW READ, ALLOW WRITE and the ACLs of a topic
 * the flow does not replicate stay behind.
 */
class MirrorAclSyncIT {
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.of(MirrorAclSyncIT::withAuthorizer);
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.of(MirrorAclSyncIT::withAuthorizer);

    @TempDir
    Path dir;

    private static EmbeddedKafkaCluster.Builder withAuthorizer() {
        return EmbeddedKafkaCluster.builder()
                .brokerProperty("authorizer.class.name", AUTHORIZER)
                .brokerProperty("super.users", "User:ANONYMOUS");
    }

    @Test
    void shouldCopyTheAclsOfReplicatedTopicsWithoutWriteAndWithAllAsRead() throws Exception {
        String prefix = "acl" + UUID.randomUUID().toString().substring(0, 6);
        String shared = prefix + "-shared";
        String secret = prefix + "private";
        A.cluster().createTopic(shared, 1, 1);
        A.cluster().createTopic(secret, 1, 1);
        try (Admin adminA = A.cluster().admin()) {
            adminA.createAcls(List.of(
                    acl(shared, "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                    acl(shared, "User:bob", AclOperation.ALL, AclPermissionType.ALLOW),
                    acl(shared, "User:carol", AclOperation.WRITE, AclPermissionType.ALLOW),
                    acl(shared, "User:mallory", AclOperation.READ, AclPermissionType.DENY),
                    acl(secret, "User:dave", AclOperation.READ, AclPermissionType.ALLOW))).all().get();
        }
        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                A->B.topics = %s-.*
                emit.checkpoints.enabled = false
                """.formatted(A.bootstrapServers(), B.bootstrapServers(), prefix));
        Set<AclBinding> expected = Set.of(
                acl("A." + shared, "User:alice", AclOperation.READ, AclPermissionType.ALLOW),
                acl("A." + shared, "User:bob", AclOperation.READ, AclPermissionType.ALLOW),
                acl("A." + shared, "User:mallory", AclOperation.READ, AclPermissionType.DENY));
        long started = System.nanoTime();
        try (ConnectWorker worker = startWorker(flows, "B", B.bootstrapServers(), dir);
             Admin adminB = B.cluster().admin()) {
            // the default interval is 5 s and the first sync runs when the connector starts
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(topicAcls(adminB)).isEqualTo(expected));
            System.out.printf("acl sync: %d bindings on B %.2f s after the worker was started%n", expected.size(),
                    (System.nanoTime() - started) / 1e9);
            assertThat(status(worker, "mirror-source-A-to-B").state()).isEqualTo("RUNNING");

            // a later ACL on A follows; nothing is created twice
            try (Admin adminA = A.cluster().admin()) {
                adminA.createAcls(List.of(acl(shared, "User:erin", AclOperation.DESCRIBE,
                        AclPermissionType.ALLOW))).all().get();
            }
            Set<AclBinding> more = new HashSet<>(expected);
            more.add(acl("A." + shared, "User:erin", AclOperation.DESCRIBE, AclPermissionType.ALLOW));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(topicAcls(adminB)).isEqualTo(more));
        }
    }

    private static AclBinding acl(String topic, String principal, AclOperation operation,
                                  AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, permission));
    }

    private static Set<AclBinding> topicAcls(Admin admin) throws Exception {
        return new HashSet<>(admin.describeAcls(new AclBindingFilter(
                new ResourcePatternFilter(ResourceType.TOPIC, null, PatternType.ANY), AccessControlEntryFilter.ANY))
                .values().get());
    }
}
