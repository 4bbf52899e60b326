package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.rill.cli.rest.ConnectRestClient.segment;
import static dev.rill.cli.connectors.StatusView.object;

/** {@code rill connectors status [NAME…]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the state of connectors and tasks, with the first line of any failure.",
                "Without a NAME, of every connector."},
        footer = {"", "Examples:",
                "  rill connectors status",
                "  rill connectors status file-source file-sink",
                "  rill connectors status file-source -o json"})
final class ConnectorStatus extends ConnectorsSubcommand {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Connectors to show (default: all).")
    List<String> names = new ArrayList<>();

    @Override
    int execute(ConnectRestClient client) {
        List<Map<String, Object>> statuses = new ArrayList<>();
        if (names.isEmpty()) {
            Map<String, Object> expanded = client.get("/connectors?expand=status").object();
            new TreeMap<>(expanded).values().forEach(value -> statuses.add(object(object(value).get("status"))));
        } else {
            for (String name : names) {
                statuses.add(client.get("/connectors/" + segment(name) + "/status").object());
            }
        }
        if (json()) {
            printJson(names.size() == 1 ? statuses.get(0) : statuses);
            return OK;
        }
        if (statuses.isEmpty()) {
            out().println("No connectors on " + client.baseUrl() + ".");
            return OK;
        }
        Table table = StatusView.newTable();
        statuses.forEach(status -> StatusView.addRows(table, status));
        table.print(out());
        return OK;
    }
}
