package dev.rill.kafka.embedded.internal;

import dev.rill.kafka.embedded.PortInUseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers: free ports for tests, and a clear error when a fixed port is taken. */
public final class Ports {

    private Ports() {
    }

    /** Ports this JVM handed out already: the operating system may offer a just-closed port again at once. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port that was free a moment ago on the loopback interface and that this JVM has not handed out before (two
     * calls in a row could otherwise get the same port, e.g. a broker's two listeners).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not find a free local port", e);
            }
        }
        throw new IllegalStateException("no free local port that this process has not used already after 100 tries");
    }

    /** Throws {@link PortInUseException} when something already listens on {@code port} on loopback. */
    public static void requireFree(int port) {
        if (!isFree(port)) {
            throw new PortInUseException(port);
        }
    }

    /** Whether nothing listens on {@code port} on loopback. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
