package dev.rill.connect.internal.plugins;

import org.apache.kafka.connect.errors.ConnectException;

/** A configured class name that no plugin provides. */
public class PluginNotFoundException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public PluginNotFoundException(String message) {
        super(message);
    }

    public PluginNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
