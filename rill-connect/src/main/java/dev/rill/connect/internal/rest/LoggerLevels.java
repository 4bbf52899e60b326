package dev.rill.connect.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

import dev.rill.connect.internal.herder.RequestException;

/** Reads and changes log levels through log4j2 (the backend of Rill's distribution) for {@code /admin/loggers}. */
final class LoggerLevels {
    private static final String ROOT = "root";
    private final Map<String, Long> lastModified = new ConcurrentHashMap<>();

    /**
     * Every known logger with its level and when this API last changed it: the loggers created so far and the
     * namespaces configured (in the log4j2 configuration or through this API), as Apache Kafka Connect lists them.
     */
    Map<String, Map<String, Object>> all() {
        LoggerContext ctx = context();
        Map<String, Map<String, Object>> out = new TreeMap<>();
        out.put(ROOT, entry(ctx.getRootLogger().getLevel(), lastModified.get(ROOT)));
        for (String configured : ctx.getConfiguration().getLoggers().keySet()) {
            if (!configured.isEmpty()) {
                out.put(configured, entry(ctx.getLogger(configured).getLevel(), lastModified.get(configured)));
            }
        }
        for (Logger l : ctx.getLoggers()) {
            if (!l.getName().isEmpty()) {
                out.put(l.getName(), entry(l.getLevel(), lastModified.get(l.getName())));
            }
        }
        return out;
    }

    /** One logger's level and when this API last changed it ({@code last_modified} null when never). */
    Map<String, Object> level(String name) {
        LoggerContext ctx = context();
        if (ROOT.equals(name)) {
            return entry(ctx.getRootLogger().getLevel(), lastModified.get(ROOT));
        }
        if (!ctx.hasLogger(name) && !ctx.getConfiguration().getLoggers().containsKey(name)) {
            throw new RequestException(404, "Logger " + name + " not found; GET /admin/loggers lists the known loggers");
        }
        return entry(ctx.getLogger(name).getLevel(), lastModified.get(name));
    }

    /** Sets the level of {@code name} and its descendants; returns the affected logger names. */
    List<String> set(String name, String levelName) {
        if (levelName == null || levelName.isBlank()) {
            throw RequestException.badRequest("The request body must be {\"level\": \"<LEVEL>\"}, e.g. "
                    + "{\"level\": \"DEBUG\"}");
        }
        Level level = Level.getLevel(levelName.trim().toUpperCase(Locale.ROOT));
        if (level == null) {
            // 404, as Apache Kafka Connect answers an unknown level
            throw new RequestException(404, "Invalid log level '" + levelName + "'; use one of OFF, FATAL, ERROR, "
                    + "WARN, INFO, DEBUG, TRACE, ALL");
        }
        LoggerContext ctx = context();
        long now = System.currentTimeMillis();
        List<String> affected = new ArrayList<>();
        if (ROOT.equals(name)) {
            Configurator.setRootLevel(level);
            affected.add(ROOT);
            lastModified.put(ROOT, now);
            for (Logger l : ctx.getLoggers()) {
                if (!l.getName().isEmpty()) {
                    affected.add(l.getName());
                }
            }
        } else {
            Configurator.setAllLevels(name, level);
            for (Logger l : ctx.getLoggers()) {
                if (l.getName().equals(name) || l.getName().startsWith(name + ".")) {
                    affected.add(l.getName());
                    lastModified.put(l.getName(), now);
                }
            }
            if (!affected.contains(name)) {
                affected.add(name);
                lastModified.put(name, now);
            }
        }
        affected.sort(null);
        return affected;
    }

    private static Map<String, Object> entry(Level level, Long modified) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("level", level == null ? null : level.name());
        m.put("last_modified", modified);
        return m;
    }

    private static LoggerContext context() {
        Object ctx = LogManager.getContext(false);
        if (ctx instanceof LoggerContext lc) {
            return lc;
        }
        throw new RequestException(500, "Log levels can only be changed with log4j-core as the logging backend; "
                + "found " + ctx.getClass().getName());
    }
}
