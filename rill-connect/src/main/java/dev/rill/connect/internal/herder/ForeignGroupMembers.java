package dev.rill.connect.internal.herder;

/**
 * What a worker does while the coordinator refuses it the worker group because the group's members speak another
 * protocol ({@code INCONSISTENT_GROUP_PROTOCOL}): typically Apache Kafka Connect workers with the same
 * {@code group.id}, still members while a cluster is moved to Rill (a crashed Apache worker stays a member until
 * its session times out). The worker keeps trying; this decides when that is worth a warning, so that the log says
 * what is going on once (and again every {@link #REPEAT_MS} while it lasts) instead of once per attempt.
 */
final class ForeignGroupMembers {
    /** How often a lasting refusal is reported again. */
    static final long REPEAT_MS = 30_000;

    private long firstRefusalMs = -1;
    private long lastWarningMs = -1;
    private int refusals;

    /** Records a refusal at {@code nowMs}; answers whether to log a warning for it. */
    boolean refused(long nowMs) {
        refusals++;
        if (firstRefusalMs < 0) {
            firstRefusalMs = nowMs;
        }
        if (lastWarningMs < 0 || nowMs - lastWarningMs >= REPEAT_MS) {
            lastWarningMs = nowMs;
            return true;
        }
        return false;
    }

    /** Refusals since the first one of this episode (including it). */
    int refusals() {
        return refusals;
    }

    /** How long the refusals have lasted at {@code nowMs}. */
    long refusedForMs(long nowMs) {
        return firstRefusalMs < 0 ? 0 : nowMs - firstRefusalMs;
    }

    /** Whether the worker is being refused now (refused, and not yet joined since). */
    boolean refusing() {
        return firstRefusalMs >= 0;
    }

    /** The worker took part in a rebalance: the episode is over; answers how many refusals it had. */
    int joined() {
        int had = refusals;
        firstRefusalMs = -1;
        lastWarningMs = -1;
        refusals = 0;
        return had;
    }

    /** The warning, with the advice: which group, how long, what to do. */
    static String warning(String groupId, long refusedForMs, int refusals) {
        return "The group coordinator refuses this worker the worker group '" + groupId + "' because the group has "
                + "members that are not Rill Connect workers (INCONSISTENT_GROUP_PROTOCOL; " + refusals
                + " attempt(s) in " + refusedForMs + " ms). Rill and Apache Kafka Connect workers cannot share a "
                + "group: stop every Apache worker of this group.id; a crashed one stays a member until its "
                + "session.timeout.ms (Apache's default 10 s) has passed. This worker keeps trying to join.";
    }
}
