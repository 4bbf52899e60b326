package dev.rill.kafka.embedded;

/** A data directory holds something other than the cluster asked for (another cluster, another layout). */
public final class DataDirConflictException extends EmbeddedKafkaException {
    private static final long serialVersionUID = 1L;

    public DataDirConflictException(String message) {
        super(message);
    }
}
