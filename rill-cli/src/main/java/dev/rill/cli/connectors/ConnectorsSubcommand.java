package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;
import dev.rill.cli.rest.ConnectClientException;
import dev.rill.cli.rest.Json;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every {@code rill connectors} command shares: the client options, and one line on stderr with exit code
 * 1 when the worker cannot be reached or refuses the request.
 */
abstract class ConnectorsSubcommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return execute(new ConnectRestClient(options.url, ConnectRestClient.DEFAULT_REQUEST_TIMEOUT,
                    "start one (e.g. 'rill connect standalone worker.properties') or point --url or "
                            + ConnectorsCommand.URL_ENV + " at its REST API"));
        } catch (ConnectClientException e) {
            out().flush();
            return report(e, spec.commandLine());
        } finally {
            out().flush();
        }
    }

    /** Runs the command; returns the exit code. Throws {@link ConnectClientException} for a user's failure. */
    abstract int execute(ConnectRestClient client);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    boolean json() {
        return options.output == OutputFormat.JSON;
    }

    void printJson(Object value) {
        out().println(Json.pretty(value));
    }

    /** Prints the failure as {@code rill connectors <command>: <message>} and returns exit code 1. */
    private static int report(ConnectClientException e, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        err.flush();
        return FAILURE;
    }
}
