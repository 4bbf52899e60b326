package dev.rill.cli.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

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
public final class ConnectRestClient {
    /** Longer than Apache's own 90 s request timeout, so that the worker's answer, not ours, reports a slow call. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final String whenUnreachable;
    private final HttpClient http;

    /**
     * @param base            the worker's REST URL, e.g. {@code http://localhost:8083/}
     * @param requestTimeout  how long to wait for an answer to one call
     * @param whenUnreachable what the user should do when the worker cannot be reached, appended to that error
     */
    public ConnectRestClient(URI base, Duration requestTimeout, String whenUnreachable) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.requestTimeout = requestTimeout;
        this.whenUnreachable = whenUnreachable;
        this.connectTimeout = MAX_CONNECT_TIMEOUT.compareTo(requestTimeout) < 0 ? MAX_CONNECT_TIMEOUT : requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** The worker's URL as the user gave it (without a trailing slash). */
    public URI baseUrl() {
        return base;
    }

    /** An answer of the API: its status code and its parsed JSON body ({@code null} when empty). */
    public record Response(int status, Object body) {
        private static final ObjectMapper TREES = new ObjectMapper();

        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return (Map<String, Object>) body;
        }

        /** The body as a tree, for reading nested fields with defaults ({@code path(...)}). */
        public JsonNode tree() {
            return body == null ? MissingNode.getInstance() : TREES.valueToTree(body);
        }
    }

    /** Escapes one path segment, e.g. a connector name with spaces or slashes. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Response get(String path) {
        return send("GET", path, null, Set.of());
    }

    /** A GET whose listed statuses (besides 2xx) are answers, not failures, e.g. 404 for "not there yet". */
    public Response get(String path, Set<Integer> alsoExpected) {
        return send("GET", path, null, alsoExpected);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Set.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Set.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Set.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Set.of());
    }

    private Response send(String method, String path, Object body, Set<Integer> alsoExpected) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
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
            throw ConnectClientException.refused(refusal(status, parsed, method, path), status);
        }
        return new Response(status, parsed);
    }

    private HttpResponse<String> exchange(HttpRequest request, String method, URI uri) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no answer to the connection within " + connectTimeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw ConnectClientException.unanswered("the Kafka Connect worker at " + base + " did not answer " + method + " "
                    + uri.getRawPath() + " within " + requestTimeout.toSeconds() + " s; check the worker's log", e);
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
        return ConnectClientException.unanswered("cannot reach a Kafka Connect worker at " + base + " (" + why + "); "
                + whenUnreachable, cause);
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
            int status = response.statusCode();
            if (status == 409 || status >= 500) {
                // e.g. a proxy's or a starting server's error page: still a (temporary) refusal with its status
                return Map.of("message", start.substring(0, Math.min(200, start.length())).replaceAll("\\s+", " "));
            }
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
