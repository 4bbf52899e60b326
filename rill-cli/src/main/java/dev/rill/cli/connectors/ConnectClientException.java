package dev.rill.cli.connectors;

/**
 * A failure talking to a Kafka Connect REST API that the user can act on: the worker is unreachable, the API
 * refused the request (its own message is kept), or an input file is unusable. Printed as one line, exit code 1.
 */
final class ConnectClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectClientException(String message) {
        super(message);
    }

    ConnectClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
