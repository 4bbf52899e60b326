package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.rill.cli.rest.ConnectRestClient.segment;
import static dev.rill.cli.connectors.StatusView.list;
import static dev.rill.cli.connectors.StatusView.object;
import static dev.rill.cli.connectors.StatusView.text;

/** {@code rill connectors describe NAME}. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Shows one connector: type, class, state, topics, tasks and config.",
        footer = {"", "Examples:",
                "  rill connectors describe file-source",
                "  rill connectors describe file-source -o json"})
final class DescribeConnector extends ConnectorsSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The connector's name.")
    String name;

    @Override
    int execute(ConnectRestClient client) {
        String path = "/connectors/" + segment(name);
        Map<String, Object> info = client.get(path).object();
        Map<String, Object> status = client.get(path + "/status").object();
        // topic tracking can be disabled on a worker (topic.tracking.enable=false): then there are no topics to show
        ConnectRestClient.Response topicsAnswer = client.get(path + "/topics", Set.of(400, 403, 404));
        List<Object> topics = topicsAnswer.status() == 200
                ? list(object(topicsAnswer.object().get(name)).get("topics")) : List.of();
        if (json()) {
            Map<String, Object> all = new LinkedHashMap<>(info);
            all.put("status", status);
            all.put("topics", topics);
            printJson(all);
            return OK;
        }
        Map<String, Object> config = object(info.get("config"));
        Map<String, Object> connector = object(status.get("connector"));
        var out = out();
        out.println("Name:    " + text(info.get("name")));
        out.println("Type:    " + text(info.get("type")));
        out.println("Class:   " + text(config.get("connector.class")));
        out.println("State:   " + text(connector.get("state")) + " on " + text(connector.get("worker_id")));
        String trace = StatusView.firstLine(connector.get("trace"));
        if (!trace.isEmpty()) {
            out.println("Error:   " + trace);
        }
        out.println("Topics:  " + (topics.isEmpty() ? "(none)" : String.join(", ", topics.stream().map(Object::toString)
                .sorted().toList())));
        out.println("Tasks:");
        Table tasks = new Table("TASK", "STATE", "WORKER", "ERROR");
        for (Object each : list(status.get("tasks"))) {
            Map<String, Object> task = object(each);
            tasks.row(task.get("id"), task.get("state"), task.get("worker_id"), StatusView.firstLine(task.get("trace")));
        }
        tasks.print(out, "  ");
        out.println("Config:");
        new TreeMap<>(config).forEach((key, value) -> out.println("  " + key + " = " + text(value)));
        return OK;
    }
}
