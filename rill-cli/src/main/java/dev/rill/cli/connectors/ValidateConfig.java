package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Comparator;
import java.util.Map;

import static dev.rill.cli.rest.ConnectRestClient.segment;
import static dev.rill.cli.connectors.StatusView.list;
import static dev.rill.cli.connectors.StatusView.object;
import static dev.rill.cli.connectors.StatusView.text;

/** {@code rill connectors validate -f FILE}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates a connector config on the worker and lists every rejected setting.",
                "(PUT /connector-plugins/CLASS/config/validate) Nothing is created.",
                "Exits with 1 when the config has errors, so it can guard a deployment script."},
        footer = {"", "Examples:",
                "  rill connectors validate -f file-sink.properties",
                "  rill connectors validate -f sink.json -o json"})
final class ValidateConfig extends ConnectorsSubcommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Connector config, .properties or .json ('-' for standard input).")
    String file;

    @Override
    int execute(ConnectRestClient client) {
        ConnectorConfigFile config = ConnectorConfigFile.read(file, System.in);
        String connectorClass = config.requireConnectorClass();
        Map<String, Object> answer = client.put("/connector-plugins/" + segment(connectorClass) + "/config/validate",
                config.config()).object();
        int errors = ((Number) answer.getOrDefault("error_count", 0)).intValue();
        if (json()) {
            printJson(answer);
        } else {
            printErrors(connectorClass, errors, answer);
        }
        return errors == 0 ? OK : FAILURE;
    }

    private void printErrors(String connectorClass, int errors, Map<String, Object> answer) {
        if (errors == 0) {
            out().println(file + ": valid for " + connectorClass);
            return;
        }
        out().println(file + ": " + errors + (errors == 1 ? " error" : " errors") + " for " + connectorClass);
        Table table = new Table("SETTING", "VALUE", "ERROR");
        list(answer.get("configs")).stream()
                .map(each -> object(object(each).get("value")))
                .sorted(Comparator.comparing(value -> text(value.get("name"))))
                .forEach(value -> list(value.get("errors"))
                        .forEach(error -> table.row(value.get("name"), text(value.get("value")), error)));
        table.print(out());
    }
}
