package dev.rill.connect.jdbc.internal.dialect;

import java.util.List;
import java.util.Optional;

/** Chooses the dialect for a JDBC URL or an explicit {@code dialect.name}. */
public final class Dialects {
    /** The dialect names {@code dialect.name} accepts. */
    public static final List<String> NAMES = List.of(PostgresDialect.NAME, SqliteDialect.NAME);

    private Dialects() {
    }

    /** The dialect named, or the one matching the URL when {@code name} is blank; empty if none fits. */
    public static Optional<DatabaseDialect> find(String name, String url) {
        if (name != null && !name.isBlank()) {
            return switch (name) {
                case PostgresDialect.NAME -> Optional.of(new PostgresDialect());
                case SqliteDialect.NAME -> Optional.of(new SqliteDialect());
                default -> Optional.empty();
            };
        }
        if (url == null) {
            return Optional.empty();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresDialect());
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return Optional.of(new SqliteDialect());
        }
        return Optional.empty();
    }
}
