package dev.rill.cli.connectors;

import java.util.List;
import java.util.Map;

/**
 * Reads the REST API's status objects ({@code {"name", "connector": {"state", "worker_id", "trace"}, "tasks": […],
 * "type"}}) into table rows: one for the connector, one per task, with the first line of a failure's trace.
 */
final class StatusView {
    private StatusView() {
    }

    static Table newTable() {
        return new Table("CONNECTOR", "INSTANCE", "STATE", "WORKER", "ERROR");
    }

    static void addRows(Table table, Map<String, Object> status) {
        String name = text(status.get("name"));
        Map<String, Object> connector = object(status.get("connector"));
        table.row(name, "connector", connector.get("state"), connector.get("worker_id"),
                firstLine(connector.get("trace")));
        for (Object each : list(status.get("tasks"))) {
            Map<String, Object> task = object(each);
            table.row(name, "task " + text(task.get("id")), task.get("state"), task.get("worker_id"),
                    firstLine(task.get("trace")));
        }
    }

    /** {@code running/total}, e.g. {@code 1/2} when one of two tasks runs. */
    static String taskSummary(Map<String, Object> status) {
        List<Object> tasks = list(status.get("tasks"));
        long running = tasks.stream().filter(t -> "RUNNING".equals(object(t).get("state"))).count();
        return running + "/" + tasks.size();
    }

    static String connectorState(Map<String, Object> status) {
        return text(object(status.get("connector")).get("state"));
    }

    static String firstLine(Object trace) {
        if (trace == null) {
            return "";
        }
        String text = trace.toString().strip();
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
