package dev.rill.connect.jdbc.internal.sink;

import org.apache.kafka.connect.errors.DataException;

/**
 * A record that cannot become a row of its table: a missing key field, a type the column cannot hold, a
 * missing table or column. Reported per record (to the dead-letter queue under errors.tolerance=all).
 */
public class RecordDoesNotFitException extends DataException {
    public RecordDoesNotFitException(String message) {
        super(message);
    }
}
