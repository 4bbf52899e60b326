package dev.rill.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rill} command: one entry point for Rill's tools. */
@Command(name = "rill",
        mixinStandardHelpOptions = true,
        versionProvider = RillVersion.class,
        description = "Rill: stream processing, connectors and replication for Apache Kafka.",
        subcommands = {KafkaCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'rill <command> --help' for a command's options. "
                + "RILL_LOG_LEVEL=INFO (or DEBUG) shows more logging."})
public final class Main implements Runnable {

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
        return new CommandLine(new Main()).setExecutionExceptionHandler(new UserErrorHandler());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
