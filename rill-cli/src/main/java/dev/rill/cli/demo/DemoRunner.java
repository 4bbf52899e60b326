package dev.rill.cli.demo;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Prints the demo's introduction (URLs, curl examples) and refreshes its live view until stopped. */
public final class DemoRunner {

    private static final long REFRESH_MS = 1000;
    private static final long PLAIN_REFRESH_MS = 5000;

    private final Demo demo;
    private final PrintWriter out;
    private final boolean terminal;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private final String logHint;

    /** @param logHint where the logs are written, shown below the live view; null for none */
    public DemoRunner(Demo demo, PrintWriter out, boolean terminal, String logHint) {
        this.demo = demo;
        this.out = out;
        this.terminal = terminal;
        this.logHint = logHint;
    }

    public void printIntroduction() {
        DemoOptions options = demo.options();
        String connect = demo.connectUrl();
        String file = options.dataDir().resolve("unknown-payments.txt").toAbsolutePath().toString();
        out.println();
        out.println("Rill demo running:");
        out.println("  Kafka               " + demo.bootstrapServers());
        out.println("  Connect REST API    " + connect);
        out.println("  payment counts      " + demo.queryUrl() + DemoQueries.countPath("<key>"));
        out.println("  SQLite database     " + options.databaseFile().toAbsolutePath()
                + " (table " + DemoOptions.SINK_TABLE + ")");
        if (logHint != null) {
            out.println("  logs                " + logHint);
        }
        out.println();
        out.println("Try:");
        out.println("  curl -s '" + connect + "connectors?expand=status'");
        out.println("  curl -s -X POST -H 'Content-Type: application/json' " + connect + "connectors -d "
                + "'{\"name\":\"unknown-payments-file\",\"config\":{\"connector.class\":\"RillFileSink\","
                + "\"topics\":\"" + DemoOptions.UNKNOWN_TOPIC + "\",\"file\":\"" + file + "\"}}'");
        out.println("  curl -s " + demo.queryUrl() + DemoQueries.countPath("unknown"));
        out.println("  sqlite3 " + options.databaseFile() + " 'SELECT * FROM " + DemoOptions.SINK_TABLE + " LIMIT 5'");
        out.println();
        out.println("Ctrl-C stops everything; run again to resume.");
        out.println();
        out.flush();
    }

    /** Refreshes the live view until {@link #stop()}; returns then. */
    public void runUntilStopped() throws InterruptedException {
        LiveView view = new LiveView(out, terminal, logHint);
        try (DemoMonitor monitor = demo.monitor()) {
            do {
                try {
                    view.show(monitor.read(), System.currentTimeMillis());
                } catch (RuntimeException e) {
                    if (stop.getCount() == 0) {
                        break;
                    }
                    out.println("  (live view: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                            + ")");
                    out.flush();
                }
            } while (!stop.await(terminal ? REFRESH_MS : PLAIN_REFRESH_MS, TimeUnit.MILLISECONDS));
        } finally {
            stopped.countDown();
        }
    }

    /** Ends {@link #runUntilStopped()} and waits (briefly) until it has returned. */
    public void stop() {
        stop.countDown();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
