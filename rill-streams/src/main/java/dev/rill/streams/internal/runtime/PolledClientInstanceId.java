package dev.rill.streams.internal.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Gets a consumer's client instance id on the thread that polls it. A Kafka consumer may be used by one thread at a
 * time (a second one gets a {@code ConcurrentModificationException}, which would also hit the owner), so a caller
 * only files a request; the owning thread answers it at its next {@code poll}, where the consumer's network I/O
 * also brings the id from the broker.
 */
final class PolledClientInstanceId {
    private final String clientId;
    private final Consumer<byte[], byte[]> consumer;
    private final Consumer<byte[], byte[]> hooked;
    private CompletableFuture<Uuid> pending;

    @SuppressWarnings("unchecked")
    PolledClientInstanceId(String clientId, Consumer<byte[], byte[]> consumer) {
        this.clientId = clientId;
        this.consumer = consumer;
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("poll")) {
                serve();
            }
            try {
                return method.invoke(consumer, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.hooked = (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, handler);
    }

    String clientId() {
        return clientId;
    }

    /** The consumer to give the owning thread: before each poll it answers a pending request. */
    Consumer<byte[], byte[]> consumer() {
        return hooked;
    }

    /**
     * Asks for the id. The future completes with it, or exceptionally with an {@link IllegalStateException} when
     * the consumer has telemetry disabled; it stays open until the owner polls and the broker has answered.
     */
    synchronized CompletableFuture<Uuid> request() {
        if (pending == null || pending.isCompletedExceptionally()) {
            pending = new CompletableFuture<>();
        }
        return pending;
    }

    /** On the owning thread: answers a pending request if the id is known. */
    private void serve() {
        CompletableFuture<Uuid> f;
        synchronized (this) {
            f = pending;
        }
        if (f == null || f.isDone()) {
            return;
        }
        try {
            Uuid id = consumer.clientInstanceId(Duration.ZERO);
            if (id != null) {
                f.complete(id);
            }
        } catch (TimeoutException e) {
            // not known yet: the next poll tries again
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
    }
}
