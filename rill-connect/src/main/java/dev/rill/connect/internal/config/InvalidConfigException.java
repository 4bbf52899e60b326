package dev.rill.connect.internal.config;

import org.apache.kafka.common.config.ConfigException;

import java.util.List;

/**
 * Every invalid key of a configuration, reported at once. A {@link ConfigException}, so callers outside Rill
 * Connect (the {@code rill} command) can report it without depending on this internal type.
 */
public class InvalidConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InvalidConfigException(String what, List<String> problems) {
        super(what + " is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
