package dev.rill.cli.demo;

import java.util.List;

/**
 * A connector's state as the Connect REST API reports it, with its tasks.
 *
 * @param name  the connector's name
 * @param type  source or sink
 * @param state RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED or RESTARTING
 * @param cause one line naming why the connector failed, or null
 * @param tasks its tasks, by id
 */
record ConnectorStatus(String name, String type, String state, String cause, List<Task> tasks) {

    /**
     * One task.
     *
     * @param id    the task's number
     * @param state its state
     * @param cause one line naming why it failed, or null
     */
    record Task(int id, String state, String cause) {
    }

    /**
     * The line of a Connect error trace that says what went wrong: its deepest "Caused by", without the exception's
     * package, since the outer lines only say that a task stopped.
     */
    static String causeOf(String trace) {
        if (trace == null || trace.isBlank()) {
            return null;
        }
        String cause = trace.lines().findFirst().orElse(trace).strip();
        for (String line : trace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).strip();
            }
        }
        int colon = cause.indexOf(": ");
        String type = colon < 0 ? cause : cause.substring(0, colon);
        if (!type.contains(" ") && type.contains(".")) {
            cause = type.substring(type.lastIndexOf('.') + 1) + (colon < 0 ? "" : cause.substring(colon));
        }
        return cause;
    }
}
