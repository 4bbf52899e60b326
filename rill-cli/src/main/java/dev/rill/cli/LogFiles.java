package dev.rill.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Where the {@code rill} command's log output goes once a command knows its data dir: the one place that routes logs
 * to files. Until then (and for commands that do not call this) {@code log4j2.xml} prints warnings and errors on
 * stderr.
 *
 * <p>An embedded broker logs a lot, some of it at ERROR when the machine is merely busy ("Exceptionally slow
 * controller event"); on a console those lines bury the command's own output, and in the demo they tear its live
 * view. So the broker's loggers write to {@code <data-dir>/logs/kafka.log}, and in the demo every other library
 * (Connect, Streams, clients) writes to {@code <data-dir>/logs/rill.log}. Files roll over at 10 MB, keeping 5.
 * {@code RILL_LOG_LEVEL} sets the files' level (default INFO).
 */
public final class LogFiles {
    static final String KAFKA_LOG = "kafka.log";
    static final String RILL_LOG = "rill.log";

    /** The loggers of an in-process Kafka broker and controller (Scala and Java packages). */
    static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger", "org.apache.kafka.controller",
            "org.apache.kafka.raft", "org.apache.kafka.server", "org.apache.kafka.storage", "org.apache.kafka.metadata",
            "org.apache.kafka.image", "org.apache.kafka.coordinator", "org.apache.kafka.network",
            "org.apache.kafka.queue", "org.apache.kafka.snapshot", "org.apache.kafka.security",
            "org.apache.kafka.deferred", "org.apache.kafka.timeline", "org.apache.kafka.logger",
            "dev.rill.kafka.embedded");

    private LogFiles() {
    }

    /** Sends the embedded broker's logging to {@code <logDir>/kafka.log}; other loggers keep their console output. */
    public static Path brokerLogsTo(Path logDir) {
        Path file = logDir.resolve(KAFKA_LOG).toAbsolutePath().normalize();
        LoggerContext context = LoggerContext.getContext(false);
        Configuration config = context.getConfiguration();
        Appender kafka = rollingFile(config, "rill-kafka-file", file);
        for (String name : BROKER_LOGGERS) {
            route(config, name, kafka);
        }
        context.updateLoggers();
        return file;
    }

    /**
     * Sends the broker's logging to {@code <logDir>/kafka.log} and all other logging to {@code <logDir>/rill.log},
     * leaving the console to the command's own output.
     *
     * @return the rill.log file
     */
    public static Path allLogsTo(Path logDir) {
        brokerLogsTo(logDir);
        Path file = logDir.resolve(RILL_LOG).toAbsolutePath().normalize();
        LoggerContext context = LoggerContext.getContext(false);
        Configuration config = context.getConfiguration();
        Appender rill = rollingFile(config, "rill-file", file);
        LoggerConfig root = config.getRootLogger();
        for (String appender : List.copyOf(root.getAppenders().keySet())) {
            root.removeAppender(appender);
        }
        root.addAppender(rill, null, null);
        root.setLevel(fileLevel());
        // the console's own quieter levels (log4j2.xml) stay; other named loggers now reach the file through root
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (logger != root && !logger.getName().isEmpty() && !logger.getAppenders().isEmpty()
                    && !logger.getAppenders().containsKey("rill-kafka-file")) {
                for (String appender : List.copyOf(logger.getAppenders().keySet())) {
                    logger.removeAppender(appender);
                }
                logger.setAdditive(true);
            }
        }
        context.updateLoggers();
        return file;
    }

    private static void route(Configuration config, String name, Appender appender) {
        LoggerConfig existing = config.getLoggers().get(name);
        LoggerConfig logger = LoggerConfig.newBuilder().withLoggerName(name).withLevel(fileLevel())
                .withAdditivity(false).withConfig(config).build();
        logger.addAppender(appender, null, null);
        if (existing != null) {
            config.removeLogger(name);
        }
        config.addLogger(name, logger);
        // log4j2.xml quiets some broker classes for the console (e.g. QuorumController at ERROR): the file takes all
        for (String child : List.copyOf(config.getLoggers().keySet())) {
            if (child.startsWith(name + ".") && config.getLoggers().get(child).getAppenders().isEmpty()) {
                config.removeLogger(child);
            }
        }
    }

    private static Appender rollingFile(Configuration config, String name, Path file) {
        Appender existing = config.getAppender(name);
        if (existing != null) {
            return existing;
        }
        Appender appender = new OnFirstEvent(name, () -> {
            PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
                    .withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c - %msg%n").build();
            RollingFileAppender rolling = RollingFileAppender.newBuilder().setName(name + "-rolling")
                    .setConfiguration(config).withFileName(file.toString()).withFilePattern(file + ".%i")
                    .withAppend(true).withPolicy(SizeBasedTriggeringPolicy.createPolicy("10 MB"))
                    .withStrategy(DefaultRolloverStrategy.newBuilder().withMax("5").withConfig(config).build())
                    .setLayout(layout).build();
            rolling.start();
            return rolling;
        });
        appender.start();
        config.addAppender(appender);
        return appender;
    }

    /**
     * Opens its file at the first event only: a command that fails before anything is logged (a busy port) leaves
     * no logs directory behind in its data dir.
     */
    private static final class OnFirstEvent extends AbstractAppender {
        private final Supplier<Appender> opener;
        private volatile Appender file;

        OnFirstEvent(String name, Supplier<Appender> opener) {
            super(name, null, null, true, Property.EMPTY_ARRAY);
            this.opener = opener;
        }

        @Override
        public void append(LogEvent event) {
            Appender target = file;
            if (target == null) {
                synchronized (this) {
                    if (file == null) {
                        file = opener.get();
                    }
                    target = file;
                }
            }
            target.append(event);
        }

        @Override
        public boolean stop(long timeout, TimeUnit unit) {
            Appender target = file;
            if (target != null) {
                target.stop();
            }
            return super.stop(timeout, unit);
        }
    }

    private static Level fileLevel() {
        String configured = System.getenv("RILL_LOG_LEVEL");
        Level level = configured == null ? null : Level.getLevel(configured.strip().toUpperCase(Locale.ROOT));
        return level == null ? Level.INFO : level;
    }
}
