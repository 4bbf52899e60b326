package dev.rill.cli;

import dev.rill.cli.tools.ToolException;
import dev.rill.kafka.embedded.EmbeddedKafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import picocli.CommandLine;

/**
 * Turns failures a user can fix (a busy port, a foreign data dir, a bad config) into one line on stderr and
 * exit code 1; anything else also gets its stack trace, because it is a bug to report.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String command = commandLine.getCommandSpec().qualifiedName();
        if (isUserError(e)) {
            commandLine.getErr().println(command + ": " + e.getMessage());
        } else {
            commandLine.getErr().println(command + ": unexpected failure: " + e);
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return USER_ERROR;
    }

    private static boolean isUserError(Exception e) {
        return e instanceof EmbeddedKafkaException || e instanceof UserException
                || e instanceof ConfigException || e instanceof ConnectException || e instanceof ToolException;
    }

    /** A failure whose message tells the user what to do; printed without a stack trace. */
    static final class UserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserException(String message) {
            super(message);
        }

        UserException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
