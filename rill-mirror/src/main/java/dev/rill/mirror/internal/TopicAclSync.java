package dev.rill.mirror.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the ACLs of replicated source topics to their remote topics, as MirrorMaker 2's {@code
 * sync.topic.acls.enabled} does: bindings on literal topic names the flow replicates are renamed to the remote topic;
 * ALLOW WRITE is left out (only the mirror writes remote topics) and ALLOW ALL becomes ALLOW READ; everything else
 * (DENY bindings, other operations, principal, host) is copied as it is. Bindings are only ever added on the target,
 * never removed. A cluster without an authorizer is logged once and then checked quietly each interval; it never
 * fails the connector.
 */
public final class TopicAclSync {
    private static final Logger log = LoggerFactory.getLogger(TopicAclSync.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final AclBindingFilter ALL_TOPIC_ACLS = new AclBindingFilter(
            new ResourcePatternFilter(ResourceType.TOPIC, null, PatternType.ANY), AccessControlEntryFilter.ANY);

    private final String sourceAlias;
    private final String targetAlias;
    private final TopicSelection selection;
    private final ReplicationPolicy policy;
    private final Admin source;
    private final Admin target;
    private boolean sourceWithoutAuthorizerLogged;
    private boolean targetWithoutAuthorizerLogged;
    private String lastProblem;

    public TopicAclSync(String sourceAlias, String targetAlias, TopicSelection selection, ReplicationPolicy policy,
                        Admin source, Admin target) {
        this.sourceAlias = sourceAlias;
        this.targetAlias = targetAlias;
        this.selection = selection;
        this.policy = policy;
        this.source = source;
        this.target = target;
    }

    /**
     * The bindings the target should hold for the given source bindings: only TOPIC resources with a LITERAL
     * pattern naming a topic the flow replicates (not the {@code *} wildcard, which names no topic), without ALLOW
     * WRITE, ALLOW ALL turned into ALLOW READ, on the remote topic's literal name.
     */
    public static Set<AclBinding> remoteBindings(Collection<AclBinding> sourceBindings, TopicSelection selection,
                                                 ReplicationPolicy policy, String sourceAlias) {
        Set<AclBinding> out = new LinkedHashSet<>();
        for (AclBinding binding : sourceBindings) {
            ResourcePattern pattern = binding.pattern();
            AccessControlEntry entry = binding.entry();
            if (pattern.resourceType() != ResourceType.TOPIC || pattern.patternType() != PatternType.LITERAL
                    || ResourcePattern.WILDCARD_RESOURCE.equals(pattern.name())
                    || !selection.replicates(pattern.name())) {
                continue;
            }
            boolean allow = entry.permissionType() == AclPermissionType.ALLOW;
            if (allow && entry.operation() == AclOperation.WRITE) {
                continue;
            }
            AccessControlEntry remoteEntry = allow && entry.operation() == AclOperation.ALL
                    ? new AccessControlEntry(entry.principal(), entry.host(), AclOperation.READ, entry.permissionType())
                    : entry;
            String remoteTopic = policy.formatRemoteTopic(sourceAlias, pattern.name());
            out.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, remoteTopic, PatternType.LITERAL),
                    remoteEntry));
        }
        return out;
    }

    /** One sync: reads the source's topic ACLs, creates those missing on the target. Never throws. */
    public void syncOnce() {
        try {
            Collection<AclBinding> sourceBindings = describe(source, true);
            if (sourceBindings == null) {
                return;
            }
            Set<AclBinding> wanted = remoteBindings(sourceBindings, selection, policy, sourceAlias);
            if (wanted.isEmpty()) {
                lastProblem = null;
                return;
            }
            Collection<AclBinding> existing = describe(target, false);
            if (existing == null) {
                return;
            }
            Set<AclBinding> missing = new HashSet<>(wanted);
            missing.removeAll(existing);
            if (!missing.isEmpty()) {
                RemoteTopics.await(target.createAcls(missing).all(), "create ACLs on cluster " + targetAlias);
                log.info("Mirror {}->{}: created {} topic ACL bindings on {}: {}", sourceAlias, targetAlias,
                        missing.size(), targetAlias, missing);
            }
            lastProblem = null;
        } catch (ConnectException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                noAuthorizer(false);
                return;
            }
            String problem = e.getMessage();
            if (!problem.equals(lastProblem)) {
                log.warn("Mirror {}->{}: topic ACL sync failed ({}); retrying every interval", sourceAlias,
                        targetAlias, problem);
            } else {
                log.debug("Mirror {}->{}: topic ACL sync still failing ({})", sourceAlias, targetAlias, problem);
            }
            lastProblem = problem;
        }
    }

    /** All TOPIC bindings of a cluster, or null when it has no authorizer. */
    private Collection<AclBinding> describe(Admin admin, boolean isSource) {
        try {
            return admin.describeAcls(ALL_TOPIC_ACLS).values().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                noAuthorizer(isSource);
                return null;
            }
            throw new ConnectException("Could not describe the topic ACLs of cluster "
                    + (isSource ? sourceAlias : targetAlias) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Could not describe the topic ACLs of cluster "
                    + (isSource ? sourceAlias : targetAlias) + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while describing ACLs", e);
        }
    }

    private void noAuthorizer(boolean isSource) {
        String cluster = isSource ? sourceAlias : targetAlias;
        boolean logged = isSource ? sourceWithoutAuthorizerLogged : targetWithoutAuthorizerLogged;
        if (!logged) {
            log.info("Mirror {}->{}: cluster {} has no authorizer, so there are no topic ACLs to sync; checking again"
                    + " quietly every interval (set sync.topic.acls.enabled=false to stop)", sourceAlias,
                    targetAlias, cluster);
        } else {
            log.debug("Mirror {}->{}: cluster {} still has no authorizer", sourceAlias, targetAlias, cluster);
        }
        if (isSource) {
            sourceWithoutAuthorizerLogged = true;
        } else {
            targetWithoutAuthorizerLogged = true;
        }
    }
}
