package dev.rill.cli.connectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rill connectors}: a client of any Kafka Connect REST API, Rill Connect's or Apache Kafka Connect's, in the
 * manner of kcctl: list, describe, status, apply (idempotent), pause, resume, stop, restart, delete, offsets,
 * plugins and validate.
 */
@Command(name = "connectors",
        mixinStandardHelpOptions = true,
        description = {"Manages connectors on a Kafka Connect worker, Rill's or Apache's, through its REST API.",
                "Every command takes --url (default " + ConnectorsCommand.DEFAULT_URL + ", or $"
                        + ConnectorsCommand.URL_ENV + ") and -o table|json."},
        subcommands = {ListConnectors.class, DescribeConnector.class, ConnectorStatus.class, ApplyConnector.class,
                StateCommands.Pause.class, StateCommands.Resume.class, StateCommands.Stop.class,
                RestartConnector.class, StateCommands.Delete.class, ConnectorOffsets.class, ListPlugins.class,
                ValidateConfig.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done",
                "1:the worker is unreachable, refused the request (its message is printed), an input file is "
                        + "unusable, or 'validate' found errors",
                "2:wrong usage: unknown command or option, missing argument"},
        footer = {"", "Examples:",
                "  rill connectors apply -f file-source.properties",
                "  rill connectors list",
                "  rill connectors status file-source",
                "  RILL_CONNECT_URL=http://connect:8083 rill connectors plugins",
                "", "Run 'rill connectors <command> --help' for a command's options."})
public final class ConnectorsCommand implements Runnable {
    /** The environment variable that names the worker when --url is not given. */
    public static final String URL_ENV = "RILL_CONNECT_URL";
    /** Where a worker started with default settings listens. */
    public static final String DEFAULT_URL = "http://localhost:8083";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
