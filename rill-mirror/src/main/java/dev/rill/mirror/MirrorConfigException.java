package dev.rill.mirror;

import java.util.List;

/** An mm2.properties file Rill Mirror cannot run; {@link #problems()} lists every problem found, not just the first. */
public class MirrorConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public MirrorConfigException(String source, List<String> problems) {
        super("Invalid MirrorMaker 2 configuration " + source + " (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
