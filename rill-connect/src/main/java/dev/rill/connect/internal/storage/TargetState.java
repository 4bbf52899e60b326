package dev.rill.connect.internal.storage;

import java.util.Locale;

/** The state a user asked a connector to be in (POST initial_state, pause, resume, stop). */
public enum TargetState {
    STARTED, PAUSED, STOPPED;

    /** Parses the REST {@code initial_state} values RUNNING, PAUSED and STOPPED. */
    public static TargetState fromInitialState(String value) {
        if (value == null) {
            return STARTED;
        }
        switch (value.toUpperCase(Locale.ROOT)) {
            case "RUNNING": return STARTED;
            case "PAUSED": return PAUSED;
            case "STOPPED": return STOPPED;
            default:
                throw new IllegalArgumentException("initial_state must be one of RUNNING, PAUSED, STOPPED but was '"
                        + value + "'");
        }
    }
}
