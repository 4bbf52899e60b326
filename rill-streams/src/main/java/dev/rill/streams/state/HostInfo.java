package dev.rill.streams.state;

import java.util.Objects;

/** A {@code host:port} of an instance, as given in {@code application.server}. */
public final class HostInfo {
    private final String host;
    private final int port;

    public HostInfo(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /** Parses {@code host:port}. */
    public static HostInfo parse(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        if (i <= 0) {
            throw new IllegalArgumentException("Expected host:port but got '" + hostPort + "'");
        }
        return new HostInfo(hostPort.substring(0, i), Integer.parseInt(hostPort.substring(i + 1)));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostInfo h && h.host.equals(host) && h.port == port;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
