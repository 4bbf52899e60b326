package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;
import dev.rill.cli.rest.ConnectClientException;
import dev.rill.cli.rest.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.rill.cli.rest.ConnectRestClient.segment;
import static dev.rill.cli.connectors.StatusView.list;
import static dev.rill.cli.connectors.StatusView.object;
import static dev.rill.cli.connectors.StatusView.text;

/** {@code rill connectors offsets NAME [--reset | --alter FILE]}. */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = {"Shows, resets or alters a connector's committed offsets.",
                "(GET /connectors/NAME/offsets) For a source, the source partitions and offsets it committed; for "
                        + "a sink, its consumer group's topic partitions.",
                "--reset deletes them and --alter FILE changes them; both need the connector STOPPED first "
                        + "('rill connectors stop NAME')."},
        footer = {"", "An --alter file is the REST API's body, e.g. for a file source:",
                "  {\"offsets\": [{\"partition\": {\"filename\": \"/data/in.txt\"},",
                "                \"offset\": {\"position\": 0}}]}",
                "", "Examples:",
                "  rill connectors offsets file-source",
                "  rill connectors stop file-source",
                "  rill connectors offsets file-source --reset",
                "  rill connectors offsets file-source --alter offsets.json"})
final class ConnectorOffsets extends ConnectorsSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The connector's name.")
    String name;

    @ArgGroup(exclusive = true)
    Change change;

    /** At most one change. */
    static final class Change {
        @Option(names = "--reset", required = true, description = "Delete the committed offsets.")
        boolean reset;

        @Option(names = "--alter", paramLabel = "FILE", required = true,
                description = "Set the offsets listed in FILE ({\"offsets\": [{\"partition\": …, \"offset\": …}]}).")
        Path alter;
    }

    @Override
    int execute(ConnectRestClient client) {
        String path = "/connectors/" + segment(name) + "/offsets";
        if (change == null) {
            return show(client.get(path).object());
        }
        ConnectRestClient.Response answer = change.reset
                ? client.delete(path)
                : client.patch(path, readAlteration(change.alter));
        if (json()) {
            printJson(answer.body());
        } else {
            out().println("connector " + name + ": " + text(object(answer.body()).get("message")));
        }
        return OK;
    }

    private int show(Map<String, Object> offsets) {
        if (json()) {
            printJson(offsets);
            return OK;
        }
        List<Object> entries = list(offsets.get("offsets"));
        if (entries.isEmpty()) {
            out().println("connector " + name + " has no committed offsets");
            return OK;
        }
        Table table = new Table("PARTITION", "OFFSET");
        for (Object each : entries) {
            Map<String, Object> entry = object(each);
            table.row(Json.compact(entry.get("partition")), Json.compact(entry.get("offset")));
        }
        table.print(out());
        return OK;
    }

    private static Object readAlteration(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectClientException("cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "): expected {\"offsets\": [{\"partition\": …, \"offset\": …}]}; check the path", e);
        }
        Object body;
        try {
            body = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new ConnectClientException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(body instanceof Map<?, ?> map) || !(map.get("offsets") instanceof List)) {
            throw new ConnectClientException(file + " must hold {\"offsets\": [{\"partition\": {…}, \"offset\": {…}}]}");
        }
        return body;
    }
}
