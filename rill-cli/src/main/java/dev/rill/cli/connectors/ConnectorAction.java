package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A command that sends one request per named connector and reports each in a line (or a JSON list). */
abstract class ConnectorAction extends ConnectorsSubcommand {

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Connectors to act on.")
    List<String> names = new ArrayList<>();

    /** Sends the request for one connector; returns the past-tense sentence's verb, e.g. "paused". */
    abstract String act(ConnectRestClient client, String path);

    @Override
    int execute(ConnectRestClient client) {
        List<Map<String, Object>> report = new ArrayList<>();
        for (String name : names) {
            String result = act(client, "/connectors/" + ConnectRestClient.segment(name));
            if (json()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("result", result);
                report.add(entry);
            } else {
                out().println("connector " + name + " " + result);
            }
        }
        if (json()) {
            printJson(report);
        }
        return OK;
    }
}
