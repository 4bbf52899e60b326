package dev.rill.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The demo's compact status: records produced, filtered and written, and the lag of each stage. On a terminal it
 * redraws itself in place; otherwise (a pipe, a log file) it prints one line per refresh.
 */
final class LiveView {

    private final PrintWriter out;
    private final boolean terminal;
    private int linesDrawn;
    private DemoStats previous;
    private long previousAt;

    LiveView(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(DemoStats stats, long nowMs) {
        long perSecond = previous == null || nowMs == previousAt ? 0
                : (stats.produced() - previous.produced()) * 1000 / (nowMs - previousAt);
        previous = stats;
        previousAt = nowMs;
        if (terminal) {
            redraw(List.of(
                    line("payments produced", "payment", stats.produced(), String.format(Locale.ROOT, "%,d/s", perSecond)),
                    line("unknown filtered", "unknown-payment", stats.filtered(),
                            String.format(Locale.ROOT, "streams lag %,d", stats.streamsLag())),
                    line("rows in SQLite", DemoOptions.SINK_TABLE, stats.written(),
                            String.format(Locale.ROOT, "sink lag %,d", stats.sinkLag()))));
        } else {
            out.printf(Locale.ROOT, "produced %d (%d/s) · filtered %d (streams lag %d) · in SQLite %d (sink lag %d)%n",
                    stats.produced(), perSecond, stats.filtered(), stats.streamsLag(), stats.written(), stats.sinkLag());
        }
        out.flush();
    }

    private static String line(String what, String where, long count, String detail) {
        return String.format(Locale.ROOT, "  %-18s %-18s %,12d   %s", what, "(" + where + ")", count, detail);
    }

    private void redraw(List<String> lines) {
        if (linesDrawn > 0) {
            out.print("\u001b[" + linesDrawn + "A");
        }
        for (String line : lines) {
            out.print("\u001b[2K");
            out.println(line);
        }
        linesDrawn = lines.size();
    }
}
