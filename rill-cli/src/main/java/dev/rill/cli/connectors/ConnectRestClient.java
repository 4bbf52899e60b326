package dev.rill.cli.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A small client of the Kafka Connect REST API (Rill Connect's or Apache Kafka Connect's): sends one request,
 * parses the JSON answer, and turns every failure into a {@link ConnectClientException} whose message names
 * the URL and says what to do.
 */
final class ConnectRestClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than Apache's own 90 s request timeout, so that the worker's answer, not ours, reports a slow call. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final HttpClient http;

    ConnectRestClient(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The worker's URL as the user gave it (without a trailing slash). */
    URI baseUrl() {
        return base;
    }

    /** An answer of the API: its status code and its parsed JSON body ({@code null} when empty). */
    record Response(int status, Object body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) body;
        }
    }

    /** Escapes one path segment, e.g. a connector name with spaces or slashes. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Response get(String path) {
        return send("GET", path, null, Set.of());
    }

    /** A GET whose listed statuses (besides 2xx) are answers, not failures, e.g. 404 for "not there yet". */
    Response get(String path, Set<Integer> alsoExpected) {
        return send("GET", path, null, alsoExpected);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, Set.of());
    }

    Response post(String path, Object body) {
        return send("POST", path, body, Set.of());
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body, Set.of());
    }

    Response delete(String path) {
        return send("DELETE", path, null, Set.of());
    }

    private Response send(String method, String path, Object body, Set<Integer> alsoExpected) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.compact(body)));
        }
        HttpResponse<String> response = exchange(request.build(), method, uri);
        int status = response.statusCode();
        Object parsed = parse(response, method, uri);
        if (status >= 300 && !alsoExpected.contains(status)) {
            throw new ConnectClientException(refusal(status, parsed, method, path));
        }
        return new Response(status, parsed);
    }

    private HttpResponse<String> exchange(HttpRequest request, String method, URI uri) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no answer to the connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new ConnectClientException("the Kafka Connect worker at " + base + " did not answer " + method + " "
                    + uri.getRawPath() + " within " + REQUEST_TIMEOUT.toSeconds() + " s; check the worker's log", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectClientException("interrupted while waiting for " + base, e);
        }
    }

    private ConnectClientException unreachable(String why, Exception cause) {
        return new ConnectClientException("cannot reach a Kafka Connect worker at " + base + " (" + why + "); "
                + "start one (e.g. 'rill connect standalone worker.properties') or point --url or "
                + ConnectorsCommand.URL_ENV + " at its REST API", cause);
    }

    private Object parse(HttpResponse<String> response, String method, URI uri) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            String start = text.strip();
            throw new ConnectClientException("the server at " + base + " answered " + method + " " + uri.getRawPath()
                    + " with status " + response.statusCode() + " and a body that is not JSON ("
                    + start.substring(0, Math.min(60, start.length())).replaceAll("\\s+", " ")
                    + "…); is --url the address of a Kafka Connect REST API?", e);
        }
    }

    private String refusal(int status, Object body, String method, String path) {
        String message = body instanceof Map<?, ?> map && map.get("message") != null
                ? map.get("message").toString() : "(no message)";
        return "the Kafka Connect worker at " + base + " refused " + method + " " + path + " with " + status
                + ": " + message;
    }
}
