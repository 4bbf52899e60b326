package dev.rill.connect.internal.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;

import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.herder.Herder;
import dev.rill.connect.internal.herder.Herder.ConnectorOffset;
import dev.rill.connect.internal.herder.Herder.ConnectorState;
import dev.rill.connect.internal.herder.RequestException;
import dev.rill.connect.internal.herder.RequestSignature;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.TaskId;

/**
 * The Kafka Connect REST API on Javalin: same paths, bodies, status codes and {@code {error_code, message}}
 * errors as Apache Kafka Connect, so scripts and UIs written for it work unchanged.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RestServer.class);
    /** The largest request body accepted (Apache Kafka Connect sets none; a 1 MB connector config must fit). */
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    private final java.util.function.Supplier<Herder> herderSupplier;
    private final ObjectMapper mapper = new ObjectMapper();
    private final LoggerLevels loggers = new LoggerLevels();
    private final RequestForwarder forwarder = new RequestForwarder();
    private Javalin app;

    /** A server for {@code herder}, which may be null while the worker starts (requests then get 503). */
    public RestServer(java.util.function.Supplier<Herder> herder) {
        this.herderSupplier = herder;
    }

    private Herder herder() {
        Herder h = herderSupplier.get();
        if (h == null) {
            throw new RequestException(503, "The worker is still starting; retry in a moment");
        }
        return h;
    }

    /** Starts listening on {@code listener} (port 0 picks a free port). */
    public void start(URI listener) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.defaultContentType = "application/json";
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            // An Error thrown by plugin code (NoClassDefFoundError of a class the plugin expects from Apache's
            // worker, ExceptionInInitializerError) is not an Exception, so the handlers below never see it and
            // Javalin would answer 500 with an empty body. Javalin exposes this hook only under its Kotlin-internal
            // name; a Javalin upgrade that renames it fails the build here, not silently.
            cfg.router.setJavaLangErrorHandler$javalin((response, error) -> pluginError(response, error));
        });
        routes(app);
        app.exception(RequestException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 413 ? bodyTooLarge(ctx.contentLength()) : e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400,
                "Request body is not valid JSON: " + e.getOriginalMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("REST request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, e.getMessage() == null ? e.toString() : e.getMessage());
        });
        String host = listener.getHost();
        app.start(host == null || host.isEmpty() ? "0.0.0.0" : host, listener.getPort());
        log.info("REST server listening on port {}", app.port());
    }

    public int port() {
        return app.port();
    }

    private void pluginError(jakarta.servlet.http.HttpServletResponse response, Error error) {
        log.error("REST request failed with {}", error.toString(), error);
        String message = error instanceof LinkageError
                ? "A plugin needs a class that neither it nor the worker provides: " + error
                        + ". Check that the plugin's jars and their dependencies are in its plugin.path directory; "
                        + "plugins built for Apache's worker also need Apache's worker jars (see docs/connect.md, "
                        + "Plugin classpath)."
                : error.toString();
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error_code", 500);
            body.put("message", message);
            response.setStatus(500);
            response.setContentType("application/json");
            response.getOutputStream().write(mapper.writeValueAsBytes(body));
        } catch (java.io.IOException e) {
            log.warn("Could not write the error answer", e);
        }
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", status);
        body.put("message", message);
        ctx.status(status).json(body);
    }

    private void routes(Javalin a) {
        a.before("/connectors*", this::forwardWritesToLeader);
        a.get("/", ctx -> ctx.json(ordered("version", AppInfoParser.getVersion(), "commit", AppInfoParser.getCommitId(),
                "kafka_cluster_id", herder().kafkaClusterId())));
        a.get("/health", ctx -> {
            Herder h = herderSupplier.get();
            if (h != null && h.isReady()) {
                ctx.json(ordered("status", "healthy", "message",
                        "Worker has completed startup and is ready to handle requests."));
            } else {
                ctx.status(503).json(ordered("status", "starting", "message", "Worker is still starting up."));
            }
        });

        a.get("/connectors", this::listConnectors);
        a.post("/connectors", this::createConnector);
        a.get("/connectors/{c}", ctx -> ctx.json(info(herder().connectorInfo(ctx.pathParam("c")))));
        a.delete("/connectors/{c}", ctx -> {
            herder().deleteConnector(ctx.pathParam("c"));
            ctx.status(204);
        });
        a.get("/connectors/{c}/config", ctx -> ctx.json(herder().connectorConfig(ctx.pathParam("c"))));
        a.put("/connectors/{c}/config", this::putConfig);
        a.patch("/connectors/{c}/config", ctx -> ctx.json(info(herder().patchConnectorConfig(ctx.pathParam("c"),
                stringMap(readObject(ctx), true)))));
        a.get("/connectors/{c}/status", ctx -> ctx.json(status(herder().connectorStatus(ctx.pathParam("c")))));
        a.get("/connectors/{c}/tasks", ctx -> {
            List<Object> out = new ArrayList<>();
            for (Herder.TaskInfo t : herder().taskConfigs(ctx.pathParam("c"))) {
                out.add(ordered("id", taskId(t.id()), "config", t.config()));
            }
            ctx.json(out);
        });
        a.post("/connectors/{c}/tasks", this::putTaskConfigs);
        a.put("/connectors/{c}/fence", ctx -> {
            herder().fenceZombies(ctx.pathParam("c"), RequestSignature.fromRequest(ctx::header, ctx.bodyAsBytes()));
            ctx.status(204);
        });
        a.get("/connectors/{c}/tasks/{t}/status", ctx -> {
            TaskId id = new TaskId(ctx.pathParam("c"), taskNumber(ctx));
            ctx.json(taskStatus(id.task(), herder().taskStatus(id)));
        });
        a.post("/connectors/{c}/tasks/{t}/restart", ctx -> {
            herder().restartTask(new TaskId(ctx.pathParam("c"), taskNumber(ctx)));
            ctx.status(204);
        });
        a.put("/connectors/{c}/pause", ctx -> {
            herder().pauseConnector(ctx.pathParam("c"));
            ctx.status(202);
        });
        a.put("/connectors/{c}/resume", ctx -> {
            herder().resumeConnector(ctx.pathParam("c"));
            ctx.status(202);
        });
        a.put("/connectors/{c}/stop", ctx -> {
            herder().stopConnector(ctx.pathParam("c"));
            ctx.status(204);
        });
        a.post("/connectors/{c}/restart", ctx -> {
            boolean includeTasks = bool(ctx, "includeTasks");
            boolean onlyFailed = bool(ctx, "onlyFailed");
            var result = herder().restartConnector(ctx.pathParam("c"), includeTasks, onlyFailed);
            if (result.isEmpty()) {
                ctx.status(204);
            } else {
                ctx.status(202).json(status(result.get()));
            }
        });
        a.get("/connectors/{c}/topics", ctx -> {
            String name = ctx.pathParam("c");
            ctx.json(Map.of(name, Map.of("topics", new ArrayList<>(herder().activeTopics(name)))));
        });
        a.put("/connectors/{c}/topics/reset", ctx -> {
            herder().resetActiveTopics(ctx.pathParam("c"));
            ctx.status(202);
        });
        a.get("/connectors/{c}/offsets", ctx -> ctx.json(offsetsBody(herder().offsets(ctx.pathParam("c")))));
        a.patch("/connectors/{c}/offsets", ctx -> ctx.json(Map.of("message",
                herder().alterOffsets(ctx.pathParam("c"), parseOffsets(readObject(ctx))))));
        a.delete("/connectors/{c}/offsets", ctx -> ctx.json(Map.of("message",
                herder().resetOffsets(ctx.pathParam("c")))));

        a.get("/connector-plugins", ctx -> {
            String only = ctx.queryParam("connectorsOnly");
            boolean connectorsOnly = only == null || Boolean.parseBoolean(only);
            List<Object> out = new ArrayList<>();
            for (PluginDesc d : herder().plugins()) {
                if (!connectorsOnly || d.type().isConnector()) {
                    out.add(ordered("class", d.className(), "type", d.type().restName(), "version", d.version()));
                }
            }
            ctx.json(out);
        });
        a.get("/connector-plugins/{p}/config", ctx -> ctx.json(ConfigInfosJson.definitions(
                herder().pluginConfig(ctx.pathParam("p")))));
        a.put("/connector-plugins/{p}/config/validate", ctx -> {
            Map<String, String> config = stringMap(readObject(ctx), false);
            String plugin = ctx.pathParam("p");
            String inBody = config.get("connector.class");
            if (inBody == null) {
                config.put("connector.class", plugin);
            } else if (!sameClass(inBody, plugin)) {
                throw RequestException.badRequest("Included connector type " + inBody + " does not match request type "
                        + plugin + "; drop connector.class from the body or make them equal");
            }
            ctx.json(ConfigInfosJson.infos(herder().validateConnectorConfig(config)));
        });

        a.get("/admin/loggers", ctx -> ctx.json(loggers.all()));
        a.get("/admin/loggers/{name}", ctx -> ctx.json(loggers.level(ctx.pathParam("name"))));
        a.put("/admin/loggers/{name}", ctx -> {
            Object level = readObject(ctx).get("level");
            List<String> affected = loggers.set(ctx.pathParam("name"), level == null ? null : level.toString());
            if ("cluster".equalsIgnoreCase(ctx.queryParam("scope"))) {
                ctx.status(204);
            } else {
                ctx.json(affected);
            }
        });
    }

    /** In a distributed group, writes are handled by the leader: forward them there unless this worker leads. */
    private void forwardWritesToLeader(Context ctx) {
        if (!RequestForwarder.isWrite(ctx)) {
            return;
        }
        java.util.Optional<String> leader = herder().leaderUrlForWrites();
        if (leader.isEmpty()) {
            return;
        }
        if (RequestForwarder.isForwarded(ctx)) {
            if (ctx.path().matches("/connectors/[^/]+(/tasks/[^/]+)?/restart/?")) {
                return; // the leader sends a task's or connector's restart to the worker that runs it
            }
            throw RequestException.conflict("Cannot complete request because of a conflicting operation (e.g. worker "
                    + "rebalance): this worker is not the leader; retry in a moment");
        }
        forwarder.forward(ctx, leader.get());
        ctx.skipRemainingHandlers();
    }

    private static boolean sameClass(String a, String b) {
        String sa = a.substring(a.lastIndexOf('.') + 1);
        String sb = b.substring(b.lastIndexOf('.') + 1);
        return a.equals(b) || sa.equals(sb) || sa.equals(sb + "Connector") || sb.equals(sa + "Connector");
    }

    private void listConnectors(Context ctx) {
        List<String> expand = ctx.queryParams("expand");
        List<String> names = herder().connectors();
        if (expand.isEmpty()) {
            ctx.json(names);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Object> entry = new LinkedHashMap<>();
            try {
                if (expand.contains("status")) {
                    entry.put("status", status(herder().connectorStatus(name)));
                }
                if (expand.contains("info")) {
                    entry.put("info", info(herder().connectorInfo(name)));
                }
            } catch (RequestException e) {
                continue; // deleted meanwhile
            }
            out.put(name, entry);
        }
        ctx.json(out);
    }

    private void createConnector(Context ctx) throws JsonProcessingException {
        Map<String, Object> body = readObject(ctx);
        Object rawConfig = body.get("config");
        if (!(rawConfig instanceof Map<?, ?>)) {
            throw RequestException.badRequest("The request body must be {\"name\": ..., \"config\": {...}}; "
                    + "\"config\" is " + (rawConfig == null ? "missing" : "not an object"));
        }
        @SuppressWarnings("unchecked")
        Map<String, String> config = stringMap((Map<String, Object>) rawConfig, false);
        String name = body.get("name") == null ? config.get("name") : body.get("name").toString();
        TargetState initial;
        try {
            initial = TargetState.fromInitialState(body.get("initial_state") == null ? null
                    : body.get("initial_state").toString());
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest(e.getMessage());
        }
        var created = herder().putConnectorConfig(name, config, initial, false);
        ctx.status(201).header("Location", location(ctx, created.result().name())).json(info(created.result()));
    }

    private void putConfig(Context ctx) throws JsonProcessingException {
        String name = ctx.pathParam("c");
        Map<String, String> config = stringMap(readObject(ctx), false);
        var result = herder().putConnectorConfig(name, config, TargetState.STARTED, true);
        if (result.created()) {
            ctx.status(201).header("Location", location(ctx, name));
        } else {
            ctx.status(200);
        }
        ctx.json(info(result.result()));
    }

    /** The internal endpoint: the signature is checked before the body is even parsed. */
    private void putTaskConfigs(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        herder().putTaskConfigs(ctx.pathParam("c"), () -> parseTaskConfigs(ctx.contentType(), raw),
                RequestSignature.fromRequest(ctx::header, raw));
        ctx.status(204);
    }

    private List<Map<String, String>> parseTaskConfigs(String contentType, byte[] raw) {
        Object parsed;
        try {
            parsed = mapper.readValue(RequestBodies.jsonText(contentType, raw), Object.class);
        } catch (JsonProcessingException e) {
            throw RequestException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof List<?> list)) {
            throw RequestException.badRequest("The request body must be a JSON list of task configs "
                    + "([{\"key\": \"value\"}, …])");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                throw RequestException.badRequest("Every task config must be a JSON object, found " + o);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(stringMap(m, false));
        }
        return out;
    }

    private static String location(Context ctx, String name) {
        URI base = URI.create(ctx.url());
        return base.getScheme() + "://" + base.getRawAuthority() + "/connectors/"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String bodyTooLarge(long length) {
        return "The request body has " + (length < 0 ? "more than " + MAX_BODY_BYTES : length) + " bytes; the limit "
                + "is " + MAX_BODY_BYTES + " bytes (16 MiB). Send a smaller body, e.g. move large values into a file "
                + "read through a config provider";
    }

    private Map<String, Object> readObject(Context ctx) throws JsonProcessingException {
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            throw new RequestException(413, bodyTooLarge(ctx.contentLength()));
        }
        String body = RequestBodies.jsonText(ctx.contentType(), ctx.bodyAsBytes());
        if (body.isBlank()) {
            throw RequestException.badRequest("The request needs a JSON object body");
        }
        Object parsed = mapper.readValue(body, Object.class);
        if (!(parsed instanceof Map<?, ?>)) {
            throw RequestException.badRequest("The request body must be a JSON object, found " + body.trim()
                    .substring(0, Math.min(40, body.trim().length())));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }

    private static Map<String, String> stringMap(Map<String, Object> raw, boolean allowNull) {
        Map<String, String> out = new HashMap<>();
        raw.forEach((k, v) -> {
            if (v == null) {
                if (!allowNull) {
                    throw RequestException.badRequest("Config value of '" + k + "' is null; give a string value");
                }
                out.put(k, null);
            } else if (v instanceof Map || v instanceof List) {
                throw RequestException.badRequest("Config value of '" + k + "' must be a string, found " + v);
            } else {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    private static boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v != null && Boolean.parseBoolean(v);
    }

    private static int taskNumber(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("t"));
        } catch (NumberFormatException e) {
            throw new RequestException(404, "Task " + ctx.pathParam("t") + " not found: task ids are numbers");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<ConnectorOffset> parseOffsets(Map<String, Object> body) {
        Object list = body.get("offsets");
        if (!(list instanceof List<?> entries)) {
            throw RequestException.badRequest("The request body must be {\"offsets\": [{\"partition\": {...}, "
                    + "\"offset\": {...}}]}; \"offsets\" is " + (list == null ? "missing" : "not a list"));
        }
        List<ConnectorOffset> out = new ArrayList<>();
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> m) || !(m.get("partition") instanceof Map)
                    || (m.get("offset") != null && !(m.get("offset") instanceof Map))) {
                throw RequestException.badRequest("Every entry of \"offsets\" needs a \"partition\" object and an "
                        + "\"offset\" object or null; found " + e);
            }
            out.add(new ConnectorOffset((Map<String, Object>) m.get("partition"), (Map<String, Object>) m.get("offset")));
        }
        return out;
    }

    private static Map<String, Object> offsetsBody(List<ConnectorOffset> offsets) {
        List<Object> list = new ArrayList<>();
        for (ConnectorOffset o : offsets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partition", o.partition());
            m.put("offset", o.offset());
            list.add(m);
        }
        return Map.of("offsets", list);
    }

    static Map<String, Object> info(Herder.ConnectorInfo i) {
        List<Object> tasks = new ArrayList<>();
        for (TaskId id : i.tasks()) {
            tasks.add(taskId(id));
        }
        return ordered("name", i.name(), "config", i.config(), "tasks", tasks, "type", i.type());
    }

    private static Map<String, Object> taskId(TaskId id) {
        return ordered("connector", id.connector(), "task", id.task());
    }

    static Map<String, Object> status(ConnectorState s) {
        Map<String, Object> connector = ordered("state", s.connector().state().name(), "worker_id",
                s.connector().workerId());
        if (s.connector().trace() != null) {
            connector.put("trace", s.connector().trace());
        }
        if (s.connector().version() != null) {
            connector.put("version", s.connector().version());
        }
        List<Object> tasks = new ArrayList<>();
        s.tasks().forEach((i, st) -> tasks.add(taskStatus(i, st)));
        return ordered("name", s.name(), "connector", connector, "tasks", tasks, "type", s.type());
    }

    private static Map<String, Object> taskStatus(int id, StatusStore.Status st) {
        Map<String, Object> m = ordered("id", id, "state", st.state().name(), "worker_id", st.workerId());
        if (st.trace() != null) {
            m.put("trace", st.trace());
        }
        if (st.version() != null) {
            m.put("version", st.version());
        }
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
