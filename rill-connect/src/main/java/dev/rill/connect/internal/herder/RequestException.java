package dev.rill.connect.internal.herder;

/** A request the herder refuses; the REST layer maps it to {@code {error_code, message}} with that HTTP status. */
public class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public RequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static RequestException notFound(String connector) {
        return new RequestException(404, "Connector " + connector + " not found");
    }

    public static RequestException badRequest(String message) {
        return new RequestException(400, message);
    }

    public static RequestException conflict(String message) {
        return new RequestException(409, message);
    }
}
