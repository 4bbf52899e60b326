package dev.rill.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's command line, parsed and validated in one place; every invalid option is reported at once.
 *
 * <pre>
 * --quick                     fewer rounds and smaller inputs (a few minutes in total)
 * --rounds N                  rounds per scenario (default 5, quick 2)
 * --scenarios a,b             scenario ids to run (default: all)
 * --records N                 input size for every scenario instead of each scenario's default
 * --commit-interval-ms N      commit interval of every side (default 100)
 * --jvm-flags "..."           JVM flags of every side's child JVM (default "-Xms256m -Xmx2g")
 * --classpath name=cp         a named classpath for sides; "@file" reads it from a file; "harness" defaults to
 *                             this JVM's classpath
 * --plugin-path dir           connector plugin directory for the Connect scenarios
 * --output file               the Markdown report to write (default docs/performance.md)
 * --work-dir dir              where runs keep their files (default: a new temporary directory)
 * --run-timeout-s N           a run that has not consumed its input after this long fails (default 600)
 * --latency-rate N            input rate (records/s) of the latency scenario (default: half of Kafka Streams'
 *                             median in this invocation's seed-filter scenario, else the scenario's fallback)
 * </pre>
 */
record BenchOptions(boolean quick, int rounds, List<String> scenarios, long records, long commitIntervalMs,
                    List<String> jvmFlags, Map<String, String> classpaths, Path pluginPath, Path output,
                    Path workDir, long runTimeoutSeconds, long latencyRate) {

    static final String DEFAULT_JVM_FLAGS = "-Xms256m -Xmx2g";

    static BenchOptions parse(String... args) {
        List<String> errors = new ArrayList<>();
        boolean quick = false;
        Integer rounds = null;
        List<String> scenarios = List.of();
        long records = 0;
        long commitInterval = 100;
        String jvmFlags = DEFAULT_JVM_FLAGS;
        Map<String, String> classpaths = new LinkedHashMap<>();
        classpaths.put(dev.rill.bench.Side.HARNESS_CLASSPATH, System.getProperty("java.class.path"));
        Path pluginPath = null;
        Path output = Path.of("docs", "performance.md");
        Path workDir = null;
        long timeout = 600;
        long latencyRate = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                quick = true;
                continue;
            }
            if (!List.of("--rounds", "--scenarios", "--records", "--commit-interval-ms", "--jvm-flags", "--classpath",
                    "--plugin-path", "--output", "--work-dir", "--run-timeout-s", "--latency-rate").contains(option)) {
                errors.add("unknown option '" + option + "'; expected one of --quick --rounds --scenarios --records"
                        + " --commit-interval-ms --jvm-flags --classpath --plugin-path --output --work-dir --run-timeout-s"
                        + " --latency-rate");
                continue;
            }
            if (i + 1 >= args.length) {
                errors.add("option " + option + " needs a value");
                break;
            }
            String value = args[++i];
            switch (option) {
                case "--rounds" -> rounds = (int) positive(option, value, errors);
                case "--scenarios" -> scenarios = Arrays.stream(value.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                case "--records" -> records = positive(option, value, errors);
                case "--commit-interval-ms" -> commitInterval = positive(option, value, errors);
                case "--jvm-flags" -> jvmFlags = value;
                case "--classpath" -> addClasspath(value, classpaths, errors);
                case "--plugin-path" -> pluginPath = existingDirectory(option, value, errors);
                case "--output" -> output = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--run-timeout-s" -> timeout = positive(option, value, errors);
                case "--latency-rate" -> latencyRate = positive(option, value, errors);
                default -> throw new IllegalStateException("unhandled option " + option);
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid benchmark options:\n  " + String.join("\n  ", errors));
        }
        List<String> flags = jvmFlags.isBlank() ? List.of() : List.of(jvmFlags.trim().split("\\s+"));
        return new BenchOptions(quick, rounds != null ? rounds : quick ? 2 : 5, scenarios, records, commitInterval,
                flags, classpaths, pluginPath, output, workDir, timeout, latencyRate);
    }

    private static long positive(String option, String value, List<String> errors) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("option " + option + " expects a positive whole number, found '" + value + "'");
        return 1;
    }

    private static Path existingDirectory(String option, String value, List<String> errors) {
        Path path = Path.of(value);
        if (!Files.isDirectory(path)) {
            errors.add("option " + option + " expects an existing directory, found '" + value + "'");
        }
        return path;
    }

    private static void addClasspath(String value, Map<String, String> classpaths, List<String> errors) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            errors.add("option --classpath expects name=classpath or name=@file, found '" + value + "'");
            return;
        }
        String name = value.substring(0, eq);
        String classpath = value.substring(eq + 1);
        if (classpath.startsWith("@")) {
            try {
                classpath = Files.readString(Path.of(classpath.substring(1))).trim();
            } catch (IOException e) {
                errors.add("option --classpath " + name + ": cannot read classpath file '" + classpath.substring(1)
                        + "': " + e.getMessage());
                return;
            }
        }
        classpaths.put(name, classpath);
    }
}
