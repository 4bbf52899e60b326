package dev.rill.kafka.embedded;

/** A fixed port asked for by the user is already taken by another process. */
public final class PortInUseException extends EmbeddedKafkaException {
    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use: stop the process listening on it "
                + "(another Kafka or `rill kafka`?) or choose another port with --port");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
