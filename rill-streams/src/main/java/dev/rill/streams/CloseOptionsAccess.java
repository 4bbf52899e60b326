package dev.rill.streams;

import java.time.Duration;
import java.util.Optional;

/** Read access to {@link CloseOptions}' protected fields for {@link RillStreams}. */
final class CloseOptionsAccess extends CloseOptions {
    private CloseOptionsAccess(CloseOptions options) {
        super(options);
    }

    static Optional<Duration> timeout(CloseOptions options) {
        return new CloseOptionsAccess(options).timeout;
    }

    static CloseOptions.GroupMembershipOperation operation(CloseOptions options) {
        return new CloseOptionsAccess(options).operation;
    }
}
