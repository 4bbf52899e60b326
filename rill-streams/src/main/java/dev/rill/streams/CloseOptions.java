package dev.rill.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How {@link RillStreams#close(CloseOptions)} stops: how long to wait, and whether to leave the group. */
public class CloseOptions {
    /** What happens to the instance's consumers' group membership. */
    public enum GroupMembershipOperation {
        /** Leave the group now: the instance's tasks move to other instances at once (Rill's default). */
        LEAVE_GROUP,
        /**
         * Stay a member until the session times out: a quick restart gets its tasks back without a rebalance of
         * the others, while its partitions are not processed until then.
         */
        REMAIN_IN_GROUP
    }

    protected GroupMembershipOperation operation;
    protected Optional<Duration> timeout;

    private CloseOptions(GroupMembershipOperation operation, Optional<Duration> timeout) {
        this.operation = operation;
        this.timeout = timeout;
    }

    protected CloseOptions(CloseOptions other) {
        this(other.operation, other.timeout);
    }

    /** Options with this timeout (not negative) and the default membership operation. */
    public static CloseOptions timeout(Duration timeout) {
        return new CloseOptions(GroupMembershipOperation.LEAVE_GROUP, Optional.of(checked(timeout)));
    }

    /** Options with this membership operation and no timeout. */
    public static CloseOptions groupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions(Objects.requireNonNull(operation, "operation"), Optional.empty());
    }

    public CloseOptions withTimeout(Duration timeout) {
        return new CloseOptions(operation, Optional.of(checked(timeout)));
    }

    public CloseOptions withGroupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions(Objects.requireNonNull(operation, "operation"), timeout);
    }

    private static Duration checked(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The close timeout must not be negative but was " + timeout);
        }
        return timeout;
    }
}
