package dev.rill.streams.internal.state;

/**
 * A store builder whose changelog holds time-bound data (window and session stores): its topic is created with
 * {@code cleanup.policy=compact,delete} and {@code retention.ms} = the store's retention plus
 * {@code windowstore.changelog.additional.retention.ms}, as Kafka Streams creates it, so the broker deletes what the
 * store has dropped.
 */
public interface WindowedChangelog {
    /** How long (ms) the store keeps a window or session. */
    long retentionPeriod();
}
