package dev.rill.kafka.embedded;

import dev.rill.kafka.embedded.internal.Ports;

/** Loopback port helpers shared by everything that starts local servers (brokers, REST APIs, the demo). */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        return Ports.freePort();
    }

    /**
     * Throws {@link PortInUseException} naming {@code option} (the setting that picks another port) when
     * something already listens on {@code port}.
     */
    public static void requireFree(int port, String option) {
        if (!Ports.isFree(port)) {
            throw new PortInUseException(port, option);
        }
    }
}
