package dev.rill.connect.jdbc.internal;

import dev.rill.connect.jdbc.internal.dialect.DatabaseDialect;
import dev.rill.connect.jdbc.internal.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection keys both JDBC connectors share, and opening a connection with retries. */
public final class ConnectionSettings {
    public static final String URL = "connection.url";
    public static final String USER = "connection.user";
    public static final String PASSWORD = "connection.password";
    public static final String ATTEMPTS = "connection.attempts";
    public static final String BACKOFF_MS = "connection.backoff.ms";
    public static final String DIALECT_NAME = "dialect.name";
    private static final String GROUP = "Connection";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSettings.class);

    private final String url;
    private final String user;
    private final Password password;
    private final int attempts;
    private final long backoffMs;
    private final DatabaseDialect dialect;

    private ConnectionSettings(String url, String user, Password password, int attempts, long backoffMs,
                               DatabaseDialect dialect) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.attempts = attempts;
        this.backoffMs = backoffMs;
        this.dialect = dialect;
    }

    /** Adds the connection keys to a connector's definition. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "JDBC URL, e.g. jdbc:postgresql://localhost:5432/shop or jdbc:sqlite:/var/data/shop.db.",
                        GROUP, 1, ConfigDef.Width.LONG, "JDBC URL")
                .define(USER, Type.STRING, null, Importance.HIGH, "Database user.", GROUP, 2,
                        ConfigDef.Width.MEDIUM, "User")
                .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Database password (shown as [hidden] by the REST API).", GROUP, 3, ConfigDef.Width.MEDIUM,
                        "Password")
                .define(ATTEMPTS, Type.INT, 3, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How many times to try to open a connection before failing the task.", GROUP, 4,
                        ConfigDef.Width.SHORT, "Connection attempts")
                .define(BACKOFF_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Wait between connection attempts, in milliseconds.", GROUP, 5, ConfigDef.Width.SHORT,
                        "Connection backoff (ms)")
                .define(DIALECT_NAME, Type.STRING, "", ConfigDef.ValidString.in(
                                "", Dialects.NAMES.get(0), Dialects.NAMES.get(1)), Importance.LOW,
                        "Database dialect; empty = chosen from connection.url (jdbc:postgresql: or jdbc:sqlite:).",
                        GROUP, 6, ConfigDef.Width.MEDIUM, "Dialect");
    }

    /**
     * Reads the connection keys; adds a problem (and returns null) when no dialect fits the URL.
     */
    public static ConnectionSettings from(AbstractConfig config, ConfigProblems problems) {
        String url = config.getString(URL);
        String dialectName = config.getString(DIALECT_NAME);
        DatabaseDialect dialect = Dialects.find(dialectName, url).orElse(null);
        if (dialect == null) {
            problems.add(URL, URL + "=" + url + (dialectName.isBlank() ? "" : " with " + DIALECT_NAME + "=" + dialectName)
                    + " names no supported database; use a jdbc:postgresql: or jdbc:sqlite: URL (dialects: "
                    + Dialects.NAMES + ")");
            return null;
        }
        return new ConnectionSettings(url, config.getString(USER), config.getPassword(PASSWORD),
                config.getInt(ATTEMPTS), config.getLong(BACKOFF_MS), dialect);
    }

    public DatabaseDialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    /** Opens a connection, trying {@code connection.attempts} times {@code connection.backoff.ms} apart. */
    public Connection open() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && password.value() != null) {
            properties.setProperty("password", password.value());
        }
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return dialect.connect(url, properties);
            } catch (SQLException e) {
                last = e;
                LOG.warn("Connection attempt {} of {} to {} failed: {}", attempt, attempts, url, e.getMessage());
                if (attempt < attempts) {
                    sleep();
                }
            }
        }
        throw new ConnectException("Could not connect to " + url + " after " + attempts + " attempt(s): "
                + last.getMessage() + ". Check connection.url, connection.user and connection.password, and that"
                + " the database is reachable.", last);
    }

    private void sleep() {
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting to reconnect to " + url, e);
        }
    }
}
