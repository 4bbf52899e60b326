package dev.rill.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's compact status: records produced, filtered and written, the lag of each stage, and every connector of
 * the worker with its tasks (a failed one with the one line that says why). On a terminal it redraws itself in place;
 * otherwise (a pipe, a log file) it prints one line per refresh, plus a line whenever a connector's state changes.
 */
final class LiveView {

    /** Longest cause shown, so that a line fits a common terminal. */
    static final int CAUSE_WIDTH = 100;

    private final PrintWriter out;
    private final boolean terminal;
    private final String logHint;
    private int linesDrawn;
    private DemoStats previous;
    private long previousAt;
    private String previousConnectors = "";

    /** @param logHint where the logs are, shown below the connectors; null for none */
    LiveView(PrintWriter out, boolean terminal, String logHint) {
        this.out = out;
        this.terminal = terminal;
        this.logHint = logHint;
    }

    void show(DemoStats stats, long nowMs) {
        long perSecond = previous == null || nowMs == previousAt ? 0
                : (stats.produced() - previous.produced()) * 1000 / (nowMs - previousAt);
        previous = stats;
        previousAt = nowMs;
        List<String> connectors = connectorLines(stats);
        if (terminal) {
            List<String> lines = new ArrayList<>(List.of(
                    line("payments produced", "payment", stats.produced(), String.format(Locale.ROOT, "%,d/s", perSecond)),
                    line("unknown filtered", "unknown-payment", stats.filtered(),
                            String.format(Locale.ROOT, "streams lag %,d", stats.streamsLag())),
                    line("rows in SQLite", DemoOptions.SINK_TABLE, stats.written(),
                            String.format(Locale.ROOT, "sink lag %,d", stats.sinkLag())),
                    "  connectors"));
            lines.addAll(connectors);
            if (logHint != null) {
                lines.add("  logs: " + logHint);
            }
            redraw(lines);
        } else {
            out.printf(Locale.ROOT, "produced %d (%d/s) · filtered %d (streams lag %d) · in SQLite %d (sink lag %d)%n",
                    stats.produced(), perSecond, stats.filtered(), stats.streamsLag(), stats.written(), stats.sinkLag());
            String joined = String.join("\n", connectors);
            if (!joined.equals(previousConnectors)) {
                out.println("connectors:");
                connectors.forEach(out::println);
                previousConnectors = joined;
            }
        }
        out.flush();
    }

    /** One line per connector (name, type, state, its tasks' states) and one per failed connector or task. */
    static List<String> connectorLines(DemoStats stats) {
        List<String> lines = new ArrayList<>();
        if (stats.connectorsProblem() != null) {
            lines.add("    (" + shorten(stats.connectorsProblem()) + ")");
            return lines;
        }
        if (stats.connectors().isEmpty()) {
            lines.add("    (none)");
        }
        for (ConnectorStatus c : stats.connectors()) {
            StringBuilder tasks = new StringBuilder();
            for (ConnectorStatus.Task t : c.tasks()) {
                tasks.append(tasks.length() == 0 ? "" : ", ").append("task ").append(t.id()).append(' ')
                        .append(t.state());
            }
            lines.add(String.format(Locale.ROOT, "    %-28s %-6s %-9s %s", c.name(), c.type(), c.state(),
                    tasks.length() == 0 ? "no tasks" : tasks));
            if (c.cause() != null && "FAILED".equals(c.state())) {
                lines.add("      connector failed: " + shorten(c.cause()));
            }
            for (ConnectorStatus.Task t : c.tasks()) {
                if (t.cause() != null && "FAILED".equals(t.state())) {
                    lines.add("      task " + t.id() + " failed: " + shorten(t.cause()));
                }
            }
        }
        return lines;
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= CAUSE_WIDTH ? oneLine : oneLine.substring(0, CAUSE_WIDTH - 1) + "…";
    }

    private static String line(String what, String where, long count, String detail) {
        return String.format(Locale.ROOT, "  %-18s %-18s %,12d   %s", what, "(" + where + ")", count, detail);
    }

    /** Moves up over the previous drawing, rewrites each line, and clears what a longer previous drawing left. */
    private void redraw(List<String> lines) {
        if (linesDrawn > 0) {
            out.print("\u001b[" + linesDrawn + "A");
        }
        for (String line : lines) {
            out.print("\u001b[2K");
            out.println(line);
        }
        out.print("\u001b[J");
        linesDrawn = lines.size();
    }
}
