package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;

import picocli.CommandLine.Command;

/** {@code pause}, {@code resume}, {@code stop} and {@code delete}: one request per connector. */
final class StateCommands {
    private StateCommands() {
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pauses connectors and their tasks.",
                    "They keep their config and resources (PUT /connectors/NAME/pause). The worker applies it "
                            + "asynchronously: 'status' shows PAUSED once done."},
            footer = {"", "Examples:", "  rill connectors pause file-source", "  rill connectors pause a b c"})
    static final class Pause extends ConnectorAction {
        @Override
        String act(ConnectRestClient client, String path) {
            client.put(path + "/pause", null);
            return "pause requested";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Resumes paused or stopped connectors.", "(PUT /connectors/NAME/resume)"},
            footer = {"", "Examples:", "  rill connectors resume file-source"})
    static final class Resume extends ConnectorAction {
        @Override
        String act(ConnectRestClient client, String path) {
            client.put(path + "/resume", null);
            return "resume requested";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stops connectors: tasks are removed, the config is kept.",
                    "(PUT /connectors/NAME/stop) A stopped connector's offsets can be changed with 'offsets'; "
                            + "'resume' starts it again."},
            footer = {"", "Examples:", "  rill connectors stop file-source"})
    static final class Stop extends ConnectorAction {
        @Override
        String act(ConnectRestClient client, String path) {
            client.put(path + "/stop", null);
            return "stopped";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Deletes connectors and their tasks.", "(DELETE /connectors/NAME)"},
            footer = {"", "Examples:", "  rill connectors delete file-source"})
    static final class Delete extends ConnectorAction {
        @Override
        String act(ConnectRestClient client, String path) {
            client.delete(path);
            return "deleted";
        }
    }
}
