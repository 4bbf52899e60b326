package dev.rill.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveViewTest {
    private static final String TRACE = "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due"
            + " to unrecoverable exception.\n\tat dev.rill.connect.internal.runtime.WorkerSinkTask.deliver(WorkerSinkTask"
            + ".java:228)\nCaused by: org.apache.kafka.connect.errors.ConnectException: Writing 500 records failed\n\tat"
            + " x.y(Z.java:1)\nCaused by: org.sqlite.SQLiteException: [SQLITE_IOERR_RDLOCK] I/O error (disk I/O error)"
            + "\n\tat org.sqlite.core.DB.newSQLException(DB.java:1)\n";

    private static DemoStats stats(List<ConnectorStatus> connectors) {
        return new DemoStats(1000, 100, 90, 5, 10, connectors, null);
    }

    @Test
    void shouldTakeTheDeepestCauseWithoutItsPackage() {
        assertThat(ConnectorStatus.causeOf(TRACE)).isEqualTo("SQLiteException: [SQLITE_IOERR_RDLOCK] I/O error (disk I/O"
                + " error)");
        assertThat(ConnectorStatus.causeOf("java.lang.IllegalStateException: boom\n\tat a.b(C.java:1)"))
                .isEqualTo("IllegalStateException: boom");
        assertThat(ConnectorStatus.causeOf(null)).isNull();
    }

    @Test
    void shouldShowEveryConnectorAndAFailedTaskAsStateAndOneLineCause() {
        StringWriter screen = new StringWriter();
        LiveView view = new LiveView(new PrintWriter(screen), true, "/data/logs (rill.log)");
        view.show(stats(List.of(
                new ConnectorStatus("payments-datagen", "source", "RUNNING", null,
                        List.of(new ConnectorStatus.Task(0, "RUNNING", null))),
                new ConnectorStatus("added-through-rest", "sink", "RUNNING", null,
                        List.of(new ConnectorStatus.Task(0, "RUNNING", null),
                                new ConnectorStatus.Task(1, "FAILED", ConnectorStatus.causeOf(TRACE)))))), 1000);
        String shown = screen.toString();
        assertThat(shown).contains("payments-datagen", "source", "task 0 RUNNING")
                .containsPattern("added-through-rest +sink +RUNNING +task 0 RUNNING, task 1 FAILED")
                .contains("      task 1 failed: SQLiteException: [SQLITE_IOERR_RDLOCK] I/O error (disk I/O error)")
                .contains("  logs: /data/logs (rill.log)")
                .doesNotContain("\tat ", "Caused by");
    }

    @Test
    void shouldClearLinesLeftFromALongerDrawingAndCutLongCauses() {
        StringWriter screen = new StringWriter();
        LiveView view = new LiveView(new PrintWriter(screen), true, null);
        String longCause = "SQLException: " + "x".repeat(300);
        view.show(stats(List.of(new ConnectorStatus("s", "sink", "FAILED", longCause, List.of()))), 1000);
        assertThat(screen.toString()).contains("      connector failed: SQLException: xxx")
                .contains("…").doesNotContain("x".repeat(LiveView.CAUSE_WIDTH));
        view.show(stats(List.of()), 2000);
        assertThat(screen.toString()).contains("    (none)").endsWith("\u001b[J");
    }

    @Test
    void shouldPrintConnectorsOnlyWhenTheyChangeWithoutATerminal() {
        StringWriter screen = new StringWriter();
        LiveView view = new LiveView(new PrintWriter(screen), false, null);
        List<ConnectorStatus> one = List.of(new ConnectorStatus("s", "sink", "RUNNING", null,
                List.of(new ConnectorStatus.Task(0, "RUNNING", null))));
        view.show(stats(one), 1000);
        view.show(stats(one), 2000);
        view.show(new DemoStats(1, 1, 1, 0, 0, List.of(), "the Connect REST API did not answer: refused"), 3000);
        String shown = screen.toString();
        assertThat(shown.split("connectors:", -1)).hasSize(3);
        assertThat(shown).contains("(the Connect REST API did not answer: refused)").doesNotContain("\u001b[");
    }
}
