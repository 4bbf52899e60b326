package dev.rill.kafka.embedded;

/** A fixed port asked for by the user is already taken by another process. */
public final class PortInUseException extends EmbeddedKafkaException {
    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(int port) {
        this(port, "--port");
    }

    /** {@code option} names the setting that picks another port, e.g. {@code --connect-port}. */
    public PortInUseException(int port, String option) {
        super("port " + port + " is already in use: stop the process listening on it "
                + "(another instance still running?) or choose another port with " + option);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
