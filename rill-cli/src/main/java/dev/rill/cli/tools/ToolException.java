package dev.rill.cli.tools;

/**
 * A failure of a Kafka tool that the user can fix; its message says what was expected, what was found and what
 * to do, and the command line prints it as one line without a stack trace (exit code 1).
 */
public final class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
