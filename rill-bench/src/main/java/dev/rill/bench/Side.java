package dev.rill.bench;

import java.util.Objects;

/**
 * One implementation taking part in a scenario, run in its own child JVM.
 *
 * @param name      short label used in reports and names of topics, groups and files (letters, digits, '-')
 * @param role      what this side stands for in the comparison
 * @param mainClass the class whose {@code main} the child JVM runs; the side is reported as not available
 *                  when this class is not on its classpath
 * @param classpath name of the classpath the child JVM uses: {@link #HARNESS_CLASSPATH} (the harness's own) or
 *                  one given to the harness with {@code --classpath name=...}
 */
public record Side(String name, SideRole role, String mainClass, String classpath) {

    /** The harness's own classpath, shared by every side that doesn't need a separate one. */
    public static final String HARNESS_CLASSPATH = "harness";

    public Side {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(classpath, "classpath");
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a side name must be lower-case letters, digits and '-', was '"
                    + name + "'");
        }
    }

    /** A side that runs on the harness's classpath. */
    public static Side onHarnessClasspath(String name, SideRole role, String mainClass) {
        return new Side(name, role, mainClass, HARNESS_CLASSPATH);
    }
}
