package dev.rill.connect.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Apache Kafka Connect 4.3.1 in standalone or distributed mode, in a child JVM, for side-by-side tests: the same calls go to
 * this worker and to Rill's, and the answers are compared.
 *
 * <p>The child runs {@code org.apache.kafka.connect.cli.ConnectStandalone} (or {@code ConnectDistributed}) on Apache's own classpath (resolved by
 * this module's build, see its pom), so nothing of Apache's runtime reaches the caller's classpath. The child's
 * output goes to {@link #logFile()}; when it does not come up, the exception carries the end of that log.
 */
public final class ApacheConnectWorker implements AutoCloseable {
    /** The resource this module's build writes: Apache Kafka Connect's runtime classpath. */
    static final String CLASSPATH_RESOURCE = "apache-connect.classpath";

    private final Process process;
    private final URI restUrl;
    private final Path logFile;

    private ApacheConnectWorker(Process process, URI restUrl, Path logFile) {
        this.process = process;
        this.restUrl = restUrl;
        this.logFile = logFile;
    }

    /**
     * Starts a standalone worker and waits until its REST API answers.
     *
     * @param workerProps worker properties; {@code listeners} defaults to a free port on localhost,
     *                    {@code offset.storage.file.filename} to a file in {@code workDir}, and the key and value
     *                    converters to Apache's {@code JsonConverter} when not given
     * @param workDir     a directory of the caller's (a test's temporary directory): properties, offsets and log
     * @param connectors  connector configs to start with, each written to its own properties file, as
     *                    {@code connect-standalone.sh worker.properties connector.properties…} takes them
     * @param timeout     how long to wait for the REST API
     */
    public static ApacheConnectWorker startStandalone(Map<String, String> workerProps, Path workDir,
            List<Map<String, String>> connectors, Duration timeout) {
        Map<String, String> props = new LinkedHashMap<>(workerProps);
        props.putIfAbsent("offset.storage.file.filename", workDir.resolve("apache-offsets.dat").toString());
        return start("org.apache.kafka.connect.cli.ConnectStandalone", props, workDir, connectors, timeout);
    }

    /**
     * Starts a distributed worker ({@code ConnectDistributed}) and waits until its REST API answers; it joins the
     * group named by {@code group.id} and keeps configs, offsets and statuses in the topics the worker properties
     * name ({@code config.storage.topic}, {@code offset.storage.topic}, {@code status.storage.topic}).
     *
     * @param workerProps worker properties; {@code listeners} and the converters default as for
     *                    {@link #startStandalone}, the three {@code *.storage.replication.factor} keys to 1
     * @param workDir     a directory of the caller's: properties and log
     * @param timeout     how long to wait for the REST API
     */
    public static ApacheConnectWorker startDistributed(Map<String, String> workerProps, Path workDir,
            Duration timeout) {
        Map<String, String> props = new LinkedHashMap<>(workerProps);
        for (String key : List.of("config.storage.replication.factor", "offset.storage.replication.factor",
                "status.storage.replication.factor")) {
            props.putIfAbsent(key, "1");
        }
        return start("org.apache.kafka.connect.cli.ConnectDistributed", props, workDir, List.of(), timeout);
    }

    private static ApacheConnectWorker start(String mainClass, Map<String, String> workerProps, Path workDir,
            List<Map<String, String>> connectors, Duration timeout) {
        try {
            Files.createDirectories(workDir);
            Map<String, String> props = new LinkedHashMap<>(workerProps);
            if (!props.containsKey("listeners")) {
                props.put("listeners", "http://localhost:" + freePort());
            }
            props.putIfAbsent("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.putIfAbsent("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            URI restUrl = restUrlOf(props.get("listeners"));

            Path workerFile = workDir.resolve("apache-worker.properties");
            write(props, workerFile);
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
                    "-Dlog4j2.configurationFile=" + log4jConfig(workDir).toUri(),
                    "-cp", apacheClasspath(), mainClass, workerFile.toString()));
            for (int i = 0; i < connectors.size(); i++) {
                Path file = workDir.resolve("apache-connector-" + i + ".properties");
                write(connectors.get(i), file);
                command.add(file.toString());
            }
            Path logFile = workDir.resolve("apache-connect.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            ApacheConnectWorker worker = new ApacheConnectWorker(process, restUrl, logFile);
            worker.awaitRestApi(timeout);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Apache Kafka Connect in " + workDir, e);
        }
    }

    /** The REST API's base URL, without a trailing slash, e.g. {@code http://localhost:41234}. */
    public URI restUrl() {
        return restUrl;
    }

    /** The child's standard output and error. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the child JVM still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the worker with SIGKILL, as a crashed machine would stop it: no task is stopped, no transaction
     * committed or aborted, the worker does not leave its group. Returns once the child has exited.
     */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the worker as Ctrl-C would (SIGTERM), then forcibly if it has not exited within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRestApi(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apache Kafka Connect exited with code " + process.exitValue()
                        + " before its REST API answered; the end of " + logFile + ":\n" + logTail());
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(200); // polling interval while the child starts, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("Apache Kafka Connect's REST API did not answer at " + restUrl + " within "
                + timeout + "; the end of " + logFile + ":\n" + logTail());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) restUrl.resolve("/").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    static String apacheClasspath() {
        try (InputStream in = ApacheConnectWorker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CLASSPATH_RESOURCE + " is missing next to "
                        + ApacheConnectWorker.class.getName() + "; it is written by rill-connect-apache-oracle's "
                        + "build (maven-dependency-plugin build-classpath): build that module with Maven");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!classpath.contains("connect-runtime-")) {
                throw new IllegalStateException("the Apache Kafka Connect classpath in " + CLASSPATH_RESOURCE
                        + " has no connect-runtime jar: " + classpath);
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI restUrlOf(String listeners) {
        String first = listeners.split(",")[0].trim();
        URI uri = URI.create(first);
        String host = uri.getHost() == null || uri.getHost().isEmpty() || uri.getHost().equals("0.0.0.0")
                ? "localhost" : uri.getHost();
        return URI.create(uri.getScheme() + "://" + host + ":" + uri.getPort());
    }

    private static Path log4jConfig(Path workDir) throws IOException {
        Path file = workDir.resolve("apache-log4j2.properties");
        Files.writeString(file, String.join("\n",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private static void write(Map<String, String> values, Path file) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        try (var out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
