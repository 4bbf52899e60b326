package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.rill.cli.connectors.StatusView.list;
import static dev.rill.cli.connectors.StatusView.object;
import static dev.rill.cli.connectors.StatusView.text;

/** {@code rill connectors plugins [--all]}. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists the connector plugins installed on the worker.", "(GET /connector-plugins)"},
        footer = {"", "Examples:",
                "  rill connectors plugins",
                "  rill connectors plugins --all    # converters, transforms and predicates too"})
final class ListPlugins extends ConnectorsSubcommand {

    @Option(names = "--all", description = "Also list converters, header converters, transforms and predicates.")
    boolean all;

    @Override
    int execute(ConnectRestClient client) {
        Object plugins = client.get("/connector-plugins" + (all ? "?connectorsOnly=false" : "")).body();
        if (json()) {
            printJson(plugins);
            return OK;
        }
        List<Map<String, Object>> sorted = list(plugins).stream().map(StatusView::object)
                .sorted(Comparator.comparing((Map<String, Object> p) -> text(p.get("type")))
                        .thenComparing(p -> text(p.get("class"))))
                .toList();
        Table table = new Table("TYPE", "CLASS", "VERSION");
        sorted.forEach(p -> table.row(p.get("type"), p.get("class"), p.get("version")));
        table.print(out());
        return OK;
    }
}
