package dev.rill.cli.rest;

/**
 * A failure talking to a Kafka Connect REST API that the user can act on: the worker is unreachable, the API
 * refused the request (its own message is kept), or an input file is unusable. Printed as one line, exit code 1.
 */
public final class ConnectClientException extends RuntimeException {
    /** {@link #status()} when no HTTP answer came (unreachable, timed out) or the failure is not an answer. */
    public static final int NO_ANSWER = 0;
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean unanswered;

    public ConnectClientException(String message) {
        this(message, NO_ANSWER, false, null);
    }

    public ConnectClientException(String message, Throwable cause) {
        this(message, NO_ANSWER, false, cause);
    }

    private ConnectClientException(String message, int status, boolean unanswered, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.unanswered = unanswered;
    }

    /** The worker refused the call with {@code status}. */
    static ConnectClientException refused(String message, int status) {
        return new ConnectClientException(message, status, false, null);
    }

    /** The worker could not be reached or did not answer in time. */
    static ConnectClientException unanswered(String message, Throwable cause) {
        return new ConnectClientException(message, NO_ANSWER, true, cause);
    }

    /** The HTTP status of the refusal, or {@link #NO_ANSWER}. */
    public int status() {
        return status;
    }

    /**
     * Whether asking again shortly may succeed: the worker did not answer, answered 409 (its group is rebalancing)
     * or a 5xx (e.g. the leader is not reachable yet).
     */
    public boolean temporary() {
        return unanswered || status == 409 || status >= 500;
    }
}
