package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;

import java.util.Map;
import java.util.TreeMap;

import static dev.rill.cli.connectors.StatusView.object;
import static dev.rill.cli.connectors.StatusView.text;

/** {@code rill connectors list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists connectors with their type, state, running tasks and class.",
        footer = {"", "Examples:",
                "  rill connectors list",
                "  rill connectors list --url http://connect:8083 -o json"})
final class ListConnectors extends ConnectorsSubcommand {

    @Override
    int execute(ConnectRestClient client) {
        Map<String, Object> expanded = client.get("/connectors?expand=status&expand=info").object();
        if (json()) {
            printJson(expanded);
            return OK;
        }
        if (expanded.isEmpty()) {
            out().println("No connectors on " + client.baseUrl()
                    + ". Create one with 'rill connectors apply -f connector.properties'.");
            return OK;
        }
        Table table = new Table("NAME", "TYPE", "STATE", "TASKS", "CLASS");
        new TreeMap<>(expanded).forEach((name, value) -> {
            Map<String, Object> status = object(object(value).get("status"));
            Map<String, Object> info = object(object(value).get("info"));
            table.row(name, text(info.get("type")), StatusView.connectorState(status), StatusView.taskSummary(status),
                    text(object(info.get("config")).get("connector.class")));
        });
        table.print(out());
        return OK;
    }
}
