package dev.rill.streams;

import java.util.Objects;

/** How far a local store partition is behind its changelog: its position, the changelog's end, the difference. */
public class LagInfo {
    private final long currentOffsetPosition;
    private final long endOffsetPosition;

    LagInfo(long currentOffsetPosition, long endOffsetPosition) {
        this.currentOffsetPosition = currentOffsetPosition;
        this.endOffsetPosition = endOffsetPosition;
    }

    /** The changelog offset the local store has caught up to. */
    public long currentOffsetPosition() {
        return currentOffsetPosition;
    }

    /** The changelog's end offset. */
    public long endOffsetPosition() {
        return endOffsetPosition;
    }

    /** Records of the changelog not yet in the local store (never negative). */
    public long offsetLag() {
        return Math.max(0, endOffsetPosition - currentOffsetPosition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LagInfo l && l.currentOffsetPosition == currentOffsetPosition
                && l.endOffsetPosition == endOffsetPosition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currentOffsetPosition, endOffsetPosition);
    }

    @Override
    public String toString() {
        return "LagInfo{currentOffsetPosition=" + currentOffsetPosition + ", endOffsetPosition=" + endOffsetPosition
                + ", offsetLag=" + offsetLag() + "}";
    }
}
