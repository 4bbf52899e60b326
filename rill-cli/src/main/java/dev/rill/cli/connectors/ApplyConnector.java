package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConfigChanges;
import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.rill.cli.rest.ConnectRestClient.segment;
import static dev.rill.cli.connectors.StatusView.object;

/**
 * {@code rill connectors apply -f FILE…}: creates a connector or updates its config, and leaves it alone when
 * the worker already has exactly that config, so applying the same file twice changes nothing.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Creates connectors or updates their config; an unchanged config is left alone.",
                "A connector whose config on the worker is already the same is not touched and is reported "
                        + "'unchanged'; otherwise 'created' or 'updated' with the changed keys.",
                "A file is a connector.properties (as connect-standalone takes), a JSON {\"name\": …, \"config\": {…}} "
                        + "(as POST /connectors takes) or a flat JSON map with \"name\"; '-' reads standard input."},
        footer = {"", "Examples:",
                "  rill connectors apply -f file-source.properties",
                "  rill connectors apply -f source.json -f sink.json",
                "  rill connectors apply -f sink.json --dry-run",
                "  cat sink.json | rill connectors apply -f -"})
final class ApplyConnector extends ConnectorsSubcommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Connector config, .properties or .json (repeat for several).")
    List<String> files = new ArrayList<>();

    @Option(names = "--dry-run", description = "Say what would change, change nothing.")
    boolean dryRun;

    /** What applying one file did. */
    enum Result { CREATED, UPDATED, UNCHANGED }

    @Override
    int execute(ConnectRestClient client) {
        List<ConnectorConfigFile> configs = new ArrayList<>();
        for (String file : files) {
            ConnectorConfigFile config = ConnectorConfigFile.read(file, System.in);
            config.requireName();
            configs.add(config);
        }
        List<Map<String, Object>> report = new ArrayList<>();
        for (ConnectorConfigFile config : configs) {
            report.add(apply(client, config));
        }
        if (json()) {
            printJson(report);
        }
        return OK;
    }

    private Map<String, Object> apply(ConnectRestClient client, ConnectorConfigFile file) {
        String path = "/connectors/" + segment(file.name()) + "/config";
        ConnectRestClient.Response current = client.get(path, Set.of(404));
        Map<String, String> wanted = file.config();
        Result result;
        List<String> changed = List.of();
        if (current.status() == 404) {
            result = Result.CREATED;
        } else {
            changed = ConfigChanges.changedKeys(object(current.body()), wanted);
            result = changed.isEmpty() ? Result.UNCHANGED : Result.UPDATED;
        }
        if (result != Result.UNCHANGED && !dryRun) {
            int status = client.put(path, wanted).status();
            result = status == 201 ? Result.CREATED : Result.UPDATED;
        }
        if (!json()) {
            out().println(sentence(file.name(), result, changed));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", file.name());
        entry.put("result", result.name().toLowerCase(java.util.Locale.ROOT));
        entry.put("changed_keys", changed);
        entry.put("dry_run", dryRun);
        return entry;
    }

    private String sentence(String name, Result result, List<String> changed) {
        String verb = switch (result) {
            case CREATED -> dryRun ? "would be created" : "created";
            case UPDATED -> (dryRun ? "would be updated" : "updated") + " (" + String.join(", ", changed) + ")";
            case UNCHANGED -> "unchanged";
        };
        return "connector " + name + " " + verb;
    }
}
