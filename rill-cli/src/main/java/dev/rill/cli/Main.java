package dev.rill.cli;

import dev.rill.cli.connectors.ConnectorsCommand;
import dev.rill.cli.tools.ConsumeCommand;
import dev.rill.cli.tools.GroupsCommand;
import dev.rill.cli.tools.ProduceCommand;
import dev.rill.cli.tools.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code rill} command: one entry point for Rill's tools. */
@Command(name = "rill",
        mixinStandardHelpOptions = true,
        versionProvider = RillVersion.class,
        description = "Rill: stream processing, connectors and replication for Apache Kafka.",
        subcommands = {KafkaCommand.class, ConnectCommand.class, DemoCommand.class, TopicsCommand.class,
                ProduceCommand.class, ConsumeCommand.class, GroupsCommand.class, ConnectorsCommand.class,
                MirrorCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'rill <command> --help' for a command's options. "
                + "RILL_LOG_LEVEL=INFO (or DEBUG) shows more logging."})
public final class Main implements Runnable {

    /** Columns of the help text: wide enough that default paths and examples are not broken mid-word. */
    static final int USAGE_WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting the JVM. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionStrategy(UsageErrorHandler::rejectUnknownCommands)
                .setUsageHelpAutoWidth(false)
                .setUsageHelpWidth(USAGE_WIDTH);
        documentExitCodes(commandLine);
        return commandLine;
    }

    private static void documentExitCodes(CommandLine commandLine) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "failure (a one-line message on stderr says what to do)");
        codes.put(Integer.toString(UsageErrorHandler.USAGE_ERROR), "usage error (unknown command or option, invalid value)");
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        commandLine.getSubcommands().values().forEach(Main::documentExitCodes);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
