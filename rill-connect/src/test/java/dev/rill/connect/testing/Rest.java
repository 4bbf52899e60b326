package dev.rill.connect.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A tiny JSON HTTP client for the REST API tests. */
public final class Rest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Rest(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A response: status, raw body, parsed JSON and headers. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public Object json() {
            try {
                return body == null || body.isEmpty() ? null : MAPPER.readValue(body, Object.class);
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) json();
        }

        @SuppressWarnings("unchecked")
        public List<Object> list() {
            return (List<Object>) json();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response send(String method, String path, Object body) {
        return send(method, path, body, Map.of());
    }

    /** Sends with extra request headers. */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        try {
            String json = body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(b::header);
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The connector's state from GET /connectors/{c}/status, or null when unknown. */
    @SuppressWarnings("unchecked")
    public String connectorState(String name) {
        Response r = get("/connectors/" + name + "/status");
        if (r.status() != 200) {
            return null;
        }
        return (String) ((Map<String, Object>) r.map().get("connector")).get("state");
    }

    /** The task states from GET /connectors/{c}/status. */
    @SuppressWarnings("unchecked")
    public List<String> taskStates(String name) {
        Response r = get("/connectors/" + name + "/status");
        if (r.status() != 200) {
            return List.of();
        }
        return ((List<Map<String, Object>>) r.map().get("tasks")).stream().map(t -> (String) t.get("state")).toList();
    }
}
