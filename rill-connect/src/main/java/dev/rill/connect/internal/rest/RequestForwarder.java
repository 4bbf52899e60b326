package dev.rill.connect.internal.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.javalin.http.Context;

import dev.rill.connect.internal.herder.RequestException;
import dev.rill.connect.internal.herder.RequestSignature;

/**
 * Sends a REST write that reached a worker other than the distributed group's leader on to the leader, and
 * answers with the leader's answer (status, body, {@code Location}). The forwarded request carries
 * {@code forward=false}, so a worker that is no longer the leader answers 409 instead of forwarding in a circle.
 */
final class RequestForwarder {
    static final String FORWARD_PARAM = "forward";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** True when the request was forwarded to this worker by another one. */
    static boolean isForwarded(Context ctx) {
        return "false".equalsIgnoreCase(ctx.queryParam(FORWARD_PARAM));
    }

    static boolean isWrite(Context ctx) {
        String method = ctx.method().name();
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
    }

    void forward(Context ctx, String leaderUrl) {
        String base = leaderUrl.endsWith("/") ? leaderUrl.substring(0, leaderUrl.length() - 1) : leaderUrl;
        String query = ctx.queryString();
        URI uri = URI.create(base + ctx.path() + "?" + (query == null || query.isEmpty() ? "" : query + "&")
                + FORWARD_PARAM + "=false");
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = ctx.contentType();
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        // an internal request's signature covers the body only, which is forwarded unchanged: it stays valid
        for (String signing : new String[] {RequestSignature.SIGNATURE_HEADER, RequestSignature.ALGORITHM_HEADER}) {
            String value = ctx.header(signing);
            if (value != null) {
                request.header(signing, value);
            }
        }
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            ctx.status(r.statusCode());
            r.headers().firstValue("Location").ifPresent(l -> ctx.header("Location", l));
            r.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
            if (r.body().length > 0) {
                ctx.result(r.body());
            }
        } catch (IOException e) {
            throw new RequestException(500, "Could not forward the request to the leader at " + base + ": "
                    + e.getMessage() + "; retry in a moment");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException(500, "Interrupted while forwarding the request to the leader at " + base);
        }
    }
}
