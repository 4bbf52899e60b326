package dev.rill.streams.internal.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.state.SerdeAware;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.HostInfo;
import dev.rill.streams.KeyQueryMetadata;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query HTTP endpoint on {@code application.server}. {@code GET /} lists the routes, {@code GET /stores}
 * the stores; {@code GET /stores/{store}/keys/{key}} answers from the local store if this instance runs the key's
 * task, else forwards the request to the instance that does; {@code /stores/{store}/all} and {@code /range} page
 * through the keys of this instance's partitions ({@link StorePages}). Answers are JSON, errors
 * {@code {"error_code":<status>,"message":..}} (404 unknown path, store or key, 400 bad key or parameter, 503 not
 * available yet).
 */
public final class QueryServer {
    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

    private final StreamsRuntime runtime;
    private final HostInfo self;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;
    private ExecutorService executor;

    public QueryServer(StreamsRuntime runtime, HostInfo self) {
        this.runtime = runtime;
        this.self = self;
    }

    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(self.port()), 0);
        } catch (IOException e) {
            throw new StreamsException("Cannot open the interactive-query endpoint on port " + self.port() + " ("
                    + "application.server=" + self + "): " + e.getMessage() + ". Choose a free port.", e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "rill-query-server-" + self.port());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Interactive queries answered on http://{}/ (GET / lists the routes)", self);
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, error(405, "Only GET is supported, not " + ex.getRequestMethod() + "; see GET /"));
                return;
            }
            Answer a = route(ex.getRequestURI());
            send(ex, a.status, a.body);
        } catch (RuntimeException e) {
            LOG.warn("Interactive query {} failed", ex.getRequestURI(), e);
            send(ex, 500, error(500, String.valueOf(e)));
        }
    }

    private Answer route(URI uri) {
        String path = uri.getRawPath();
        String[] parts = path.split("/");
        Map<String, String> query = QueryParameters.parse(uri.getRawQuery());
        if (parts.length == 0 || path.equals("/")) {
            return new Answer(200, index());
        }
        if (!parts[1].equals("stores") || parts.length > 6) {
            return unknownPath(uri);
        }
        if (parts.length == 2) {
            return new Answer(200, storeList());
        }
        String store = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        if (parts.length == 5 && parts[3].equals("keys")) {
            String key = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
            return answer(store, key, "true".equals(query.get("forwarded")));
        }
        if (parts.length == 6 && parts[3].equals("keys") && parts[5].equals("windows")) {
            String key = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
            String rawQuery = (uri.getRawQuery() == null ? "" : uri.getRawQuery())
                    .replaceAll("(^|&)forwarded=[^&]*", "");
            return new WindowRoute(runtime, self).answer(store, key, query, "true".equals(query.get("forwarded")),
                    path + "?" + rawQuery, this::forward);
        }
        if (parts.length == 4 && (parts[3].equals("all") || parts[3].equals("range"))) {
            boolean range = parts[3].equals("range");
            return new StorePages(runtime, self).page(store, query.get("from"), range ? query.get("to") : null,
                    query.get("limit"), range);
        }
        return unknownPath(uri);
    }

    private static Answer unknownPath(URI uri) {
        return new Answer(404, error(404, "Unknown path " + uri.getPath() + "; the routes are: "
                + String.join(", ", ROUTES.keySet()) + " (GET / describes them)"));
    }

    /** The routes this server answers, with what each returns. */
    static final Map<String, String> ROUTES = routes();

    private static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("GET /", "this list of routes");
        routes.put("GET /stores", "the queryable stores, with the partitions this instance and the others hold");
        routes.put("GET /stores/{store}/keys/{key}", "the value of one key, asked of the instance that holds it");
        routes.put("GET /stores/{store}/keys/{key}/windows?from=&to=", "the windows of one key of a window store that"
                + " start in from..to, or the sessions of a session store that overlap it (ISO-8601 or epoch ms,"
                + " either may be left out), asked of the instance that holds the key");
        routes.put("GET /stores/{store}/all?limit=&from=", "the keys of this instance's partitions in the store's"
                + " byte order, a page of at most limit (default " + StorePages.DEFAULT_LIMIT + ", at most "
                + StorePages.MAX_LIMIT + ") starting at key from; next_from starts the next page");
        routes.put("GET /stores/{store}/range?from=&to=&limit=", "the keys from..to (both inclusive, either may be"
                + " left out) of this instance's partitions, paged like /all");
        return java.util.Collections.unmodifiableMap(routes);
    }

    private String index() {
        StringBuilder sb = new StringBuilder("{\"application_id\":").append(json(runtime.config().applicationId()))
                .append(",\"host\":").append(json(self.toString())).append(",\"routes\":[");
        String separator = "";
        for (Map.Entry<String, String> route : ROUTES.entrySet()) {
            sb.append(separator).append("{\"route\":").append(json(route.getKey())).append(",\"description\":")
                    .append(json(route.getValue())).append('}');
            separator = ",";
        }
        return sb.append("]}").toString();
    }

    private String storeList() {
        StringBuilder sb = new StringBuilder("{\"host\":").append(json(self.toString())).append(",\"stores\":[");
        String separator = "";
        for (String store : runtime.factory().topology().stores().keySet()) {
            sb.append(separator).append(StorePages.describeStore(runtime, self, store));
            separator = ",";
        }
        return sb.append("]}").toString();
    }

    record Answer(int status, String body) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Answer answer(String store, String rawKey, boolean forwarded) {
        if (runtime.subtopologyOfStore(store) < 0) {
            return new Answer(404, error(404, "No state store named '" + store + "'"));
        }
        List<StateStore> local = runtime.localStores(store);
        Serde<Object> keySerde = local.isEmpty() || !(local.get(0) instanceof SerdeAware m)
                ? (Serde<Object>) runtime.config().defaultKeySerde() : (Serde<Object>) m.keySerde();
        Object key;
        try {
            key = parseKey(rawKey, keySerde);
        } catch (RuntimeException e) {
            return new Answer(400, error(400, "Key '" + rawKey + "' is not valid for store " + store + ": "
                    + e.getMessage()));
        }
        byte[] keyBytes = keySerde.serializer().serialize(runtime.config().applicationId() + "-" + store
                + "-changelog", key);
        KeyQueryMetadata meta = runtime.queryMetadata(store, keyBytes);
        if (!forwarded && meta != KeyQueryMetadata.NOT_AVAILABLE && !meta.activeHost().equals(self)) {
            return forward(meta.activeHost(), "/stores/" + URLEncoder.encode(store, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/keys/" + URLEncoder.encode(rawKey, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        StateStore s = meta == KeyQueryMetadata.NOT_AVAILABLE ? null : runtime.localStore(store, meta.partition());
        if (s == null) {
            return new Answer(503, error(503, "The task holding key '" + rawKey + "' of store " + store
                    + " is not running on this instance (" + self + ") right now; retry after the rebalance."));
        }
        if (!(s instanceof KeyValueStore<?, ?>)) {
            return new Answer(400, error(400, "Store " + store + " is a window or session store; ask GET /stores/"
                    + store + "/keys/{key}/windows?from=&to= for its windows"));
        }
        Object v = ((KeyValueStore) s).get(key);
        if (v == null) {
            return new Answer(404, error(404, "Key '" + rawKey + "' not found in store " + store));
        }
        StringBuilder sb = new StringBuilder("{\"store\":").append(json(store)).append(",\"key\":").append(json(key));
        if (v instanceof ValueAndTimestamp<?> vt) {
            sb.append(",\"value\":").append(json(vt.value())).append(",\"timestamp\":").append(vt.timestamp());
        } else {
            sb.append(",\"value\":").append(json(v));
        }
        sb.append(",\"host\":").append(json(self.toString())).append('}');
        return new Answer(200, sb.toString());
    }

    /** Asks the owner of a key the same request ({@code pathAndQuery}, raw), marked as forwarded. */
    private Answer forward(HostInfo owner, String pathAndQuery) {
        String separator = !pathAndQuery.contains("?") ? "?" : pathAndQuery.endsWith("?") ? "" : "&";
        URI uri = URI.create("http://" + owner + pathAndQuery + separator + "forwarded=true");
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(502, error(502, "Instance " + owner + " that owns the key did not answer: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, error(503, "Interrupted while asking " + owner));
        }
    }

    static Object parseKey(String raw, Serde<?> serde) {
        if (serde == null || serde instanceof Serdes.StringSerde) {
            return raw;
        }
        if (serde instanceof Serdes.LongSerde) {
            return Long.parseLong(raw);
        }
        if (serde instanceof Serdes.IntegerSerde) {
            return Integer.parseInt(raw);
        }
        if (serde instanceof Serdes.DoubleSerde) {
            return Double.parseDouble(raw);
        }
        if (serde instanceof Serdes.UUIDSerde) {
            return UUID.fromString(raw);
        }
        throw new IllegalArgumentException("keys of serde " + serde.getClass().getSimpleName() + " cannot be given in "
                + "a URL; the endpoint supports String, Long, Integer, Double and UUID keys");
    }

    static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v.toString();
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String error(int code, String message) {
        return "{\"error_code\":" + code + ",\"message\":" + json(message) + "}";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
