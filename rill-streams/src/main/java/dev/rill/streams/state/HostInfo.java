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

    /**
     * The host and port of an {@code application.server} value such as {@code host:port} or
     * {@code http://host:port}; null when the value is null or blank.
     *
     * @throws org.apache.kafka.common.config.ConfigException when it has no port or the port is not a number
     */
    public static HostInfo buildFromEndpoint(String endPoint) {
        if (endPoint == null || endPoint.isBlank()) {
            return null;
        }
        String hostPort = endPoint.trim().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int colon = hostPort.lastIndexOf(':');
        String host = colon <= 0 ? "" : hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (!host.isEmpty()) {
                return new HostInfo(host, port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.apache.kafka.common.config.ConfigException("application.server", endPoint,
                "expected host:port, for example localhost:8080");
    }

    /** The host of an instance whose address is not known: {@code unavailable}, port -1. */
    public static HostInfo unavailable() {
        return new HostInfo("unavailable", -1);
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
