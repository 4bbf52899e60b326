package dev.rill.connect.jdbc;

import static dev.rill.connect.plugintest.WorkerTesting.produce;
import static dev.rill.connect.plugintest.WorkerTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the demo invites a user to do: read the sink's SQLite database with another program while the sink writes.
 * The reader is another process (as {@code sqlite3} would be) opening a new connection for every query, without a
 * busy timeout (as {@code sqlite3} has none): once the sink has created its table no read may fail, the sink task may
 * never fail, and every row lands. (Without WAL mode thousands of these reads fail with "database is locked".)
 */
class SqliteConcurrentReadEndToEndIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final int ROWS = 50_000;
    private static final int CHUNKS = 10;
    private static final int CHUNK = ROWS / CHUNKS;

    @TempDir
    Path dir;

    @Test
    void aReaderInATightLoopNeverFailsAndNeverFailsTheSink() throws Exception {
        String topic = KAFKA.cluster().newTopic("orders-read", 1);
        String table = topic.replace('-', '_');
        String url = "jdbc:sqlite:" + dir.resolve("shop.db");
        Map<String, String> sink = new HashMap<>();
        sink.put("name", "jdbc-" + topic);
        sink.put("connector.class", "RillJdbcSink");
        sink.put("topics", topic);
        sink.put("connection.url", url);
        sink.put("table.name.format", table);
        sink.put("auto.create", "true");
        sink.put("insert.mode", "upsert");
        sink.put("pk.mode", "record_value");
        sink.put("pk.fields", "id");

        Process reader = startReader(url, table);
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> readerDone = CompletableFuture.runAsync(() -> collectLines(reader, output));
        List<String> taskStates = new ArrayList<>();
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(sink)).start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI status = URI.create(worker.restUrl() + "connectors/" + sink.get("name") + "/status");
            // in chunks, each produced once the reader has seen the previous one land: the reads overlap the writes
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                produce(KAFKA.bootstrapServers(), topic, records(chunk * CHUNK, (chunk + 1) * CHUNK));
                long expected = (long) (chunk + 1) * CHUNK;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    taskStates.add(taskState(http.send(HttpRequest.newBuilder(status).build(),
                            HttpResponse.BodyHandlers.ofString()).body()));
                    return rowsSeen(output) >= expected || !reader.isAlive()
                            || taskStates.get(taskStates.size() - 1).startsWith("FAILED");
                });
            }
            assertThat(reader.waitFor(60, TimeUnit.SECONDS)).as("the reader saw all rows").isTrue();
            taskStates.add(taskState(http.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        } finally {
            reader.destroyForcibly();
        }
        readerDone.get(10, TimeUnit.SECONDS);
        assertThat(taskStates).noneMatch(s -> s.startsWith("FAILED"));
        assertThat(taskStates.get(taskStates.size() - 1)).isEqualTo("RUNNING");
        List<String> errors = output.stream().filter(line -> line.startsWith("error")).toList();
        assertThat(errors).as("%d reads failed, the first: %s", errors.size(),
                errors.subList(0, Math.min(3, errors.size()))).isEmpty();
        String summary = output.get(output.size() - 1);
        assertThat(summary).startsWith("done").contains("rows=" + ROWS + " ");
        int readsWhileWriting = Integer.parseInt(summary.replaceAll(".*reads_while_writing=(\\d+).*", "$1"));
        assertThat(readsWhileWriting).as("reads between the first and the last row").isGreaterThanOrEqualTo(CHUNKS);
    }

    private static List<Map.Entry<String, String>> records(int from, int to) {
        List<Map.Entry<String, String>> records = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            records.add(new SimpleEntry<>("k" + i, "{\"id\":" + i + ",\"customer\":\"c" + (i % 97) + "\",\"amount\":"
                    + i + ".5}"));
        }
        return records;
    }

    /** The highest row count the reader has printed so far. */
    private static long rowsSeen(List<String> output) {
        long rows = 0;
        for (String line : output) {
            if (line.startsWith("rows ")) {
                rows = Math.max(rows, Long.parseLong(line.substring(5)));
            }
        }
        return rows;
    }

    /** The task's state, with the first line of its trace when it failed. */
    private static String taskState(String statusJson) {
        java.util.regex.Matcher task = java.util.regex.Pattern
                .compile("\"tasks\":\\[\\{\"id\":0,\"state\":\"(\\w+)\"(?:.*?\"trace\":\"(.*?)\\\\n)?")
                .matcher(statusJson);
        if (!task.find()) {
            return "no task yet";
        }
        return task.group(2) == null ? task.group(1) : task.group(1) + ": " + task.group(2);
    }

    private static Process startReader(String url, String table) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Reader.class.getName(), url,
                table, Integer.toString(ROWS)).redirectErrorStream(true).start();
    }

    private static void collectLines(Process process, List<String> into) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                into.add(line);
            }
        } catch (java.io.IOException e) {
            into.add("error reading the reader's output: " + e);
        }
    }

    /**
     * Counts the table's rows in a tight loop, a new connection per query, until it holds the expected number.
     * Prints the count whenever it changes, one {@code error …} line per failed read once the table exists, then
     * {@code done reads=… rows=… reads_while_writing=…}. Before the sink's first write the reader creates an empty
     * database file; the sink then switches it to WAL, a moment in which a reader without busy timeout may be
     * refused; that is before the table exists and is not counted.
     */
    public static final class Reader {
        public static void main(String[] args) throws Exception {
            String url = args[0];
            String table = args[1];
            long expected = Long.parseLong(args[2]);
            Properties properties = new Properties();
            properties.setProperty("busy_timeout", "0"); // as sqlite3: a locked database is an error at once
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(170);
            int reads = 0;
            int readsWhileWriting = 0;
            long rows = 0;
            while (rows < expected && System.nanoTime() < deadline) {
                try (Connection connection = DriverManager.getConnection(url, properties);
                     Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT COUNT(*), MAX(\"id\") FROM \"" + table + "\"")) {
                    result.next();
                    long count = result.getLong(1);
                    reads++;
                    if (count > 0 && count < expected) {
                        readsWhileWriting++;
                    }
                    if (count != rows) {
                        System.out.println("rows " + count);
                    }
                    rows = count;
                } catch (SQLException e) {
                    if (reads > 0) {
                        System.out.println("error after " + reads + " reads at " + rows + " rows: " + e.getMessage());
                    } else if (!String.valueOf(e.getMessage()).contains("no such table")) {
                        // the sink has not set the database up yet (it switches a new file to WAL once)
                        System.out.println("before the table: " + e.getMessage());
                    }
                }
            }
            System.out.println("done reads=" + reads + " rows=" + rows + " reads_while_writing=" + readsWhileWriting);
        }
    }
}
