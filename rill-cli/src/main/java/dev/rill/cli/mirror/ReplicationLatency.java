package dev.rill.cli.mirror;

import java.util.List;
import java.util.Locale;

/**
 * A flow's replication latency (from a source record's timestamp to the target's acknowledgement) as this process's
 * own source tasks measure it, over the partitions they own: the mean of the partitions' averages and the largest
 * of their maxima, both over the metrics' sample windows (the last 30 to 60 s). Tasks of other processes are not
 * seen: {@code localPartitions} 0 means no task here owns a partition of the flow.
 */
public record ReplicationLatency(int localPartitions, double avgMs, double maxMs) {
    /** No task of this process owns a partition of the flow. */
    public static final ReplicationLatency NOT_LOCAL = new ReplicationLatency(0, Double.NaN, Double.NaN);

    /** One partition's {@code replication-latency-ms-avg} and {@code -max}; NaN when it replicated nothing lately. */
    public record Partition(double avgMs, double maxMs) {
    }

    /** Combines the partitions of one flow. */
    public static ReplicationLatency of(List<Partition> partitions) {
        double sum = 0;
        int measured = 0;
        double max = Double.NaN;
        for (Partition p : partitions) {
            if (Double.isFinite(p.avgMs()) && Double.isFinite(p.maxMs())) {
                sum += p.avgMs();
                measured++;
                max = Double.isNaN(max) ? p.maxMs() : Math.max(max, p.maxMs());
            }
        }
        return new ReplicationLatency(partitions.size(), measured == 0 ? Double.NaN : sum / measured, max);
    }

    /** True when local partitions replicated records within the window. */
    public boolean measured() {
        return !Double.isNaN(avgMs);
    }

    /** {@code latency avg 12 ms max 40 ms}; {@code latency idle} (nothing replicated lately); {@code latency n/a}. */
    public String render() {
        if (localPartitions == 0) {
            return "latency n/a";
        }
        if (!measured()) {
            return "latency idle";
        }
        return String.format(Locale.ROOT, "latency avg %s max %s", duration(avgMs), duration(maxMs));
    }

    private static String duration(double ms) {
        return ms < 10_000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
}
