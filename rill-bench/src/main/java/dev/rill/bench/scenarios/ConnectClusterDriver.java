package dev.rill.bench.scenarios;

import dev.rill.bench.ProgressProbe;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives one run of the Connect cluster scenarios while the harness watches its progress: once the timed worker has
 * joined the group it resumes the connectors (created STOPPED on the first worker, so no record is copied before
 * every worker is there); in the failover variant, once the connector whose task runs on the victim (the last
 * untimed worker, not the group's leader) has written half its topic, it kills the victim with SIGKILL and times how
 * long until every task is RUNNING on a live worker and until the killed task's records flow again. Progress is the
 * distinct expected values in the sink files.
 */
final class ConnectClusterDriver implements ProgressProbe, AutoCloseable {
    /** One flat JSON object (a task's status); its "state" and "worker_id" may come in either order. */
    private static final Pattern FLAT_OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern WORKER = Pattern.compile("\"worker_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final long STATUS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final boolean kill;
    private final List<Process> untimedWorkers;
    private final Process victimWorker;
    private final int victimPort;
    private final String firstUrl;
    private final String timedUrl;
    private final Map<String, SinkFileTail> tails; // connector name -> its sink file
    private final ConnectRestCalls rest = new ConnectRestCalls();

    private boolean resumed;
    private String victim;
    private long victimDistinctAtKill;
    private long killedAt;
    private long lastStatus;
    private long movedMs = -1;
    private long flowingMs = -1;

    /**
     * @param untimedWorkers the workers started before the run, the first of them the group's leader
     * @param untimedPorts   their REST ports, in the same order
     */
    ConnectClusterDriver(boolean kill, List<Process> untimedWorkers, List<Integer> untimedPorts, int timedPort,
                         Map<String, SinkFileTail> tails) {
        this.kill = kill;
        this.untimedWorkers = List.copyOf(untimedWorkers);
        this.victimWorker = untimedWorkers.get(untimedWorkers.size() - 1);
        this.victimPort = untimedPorts.get(untimedPorts.size() - 1);
        this.firstUrl = "http://127.0.0.1:" + untimedPorts.get(0);
        this.timedUrl = "http://127.0.0.1:" + timedPort;
        this.tails = new LinkedHashMap<>(tails);
    }

    @Override
    public long recordsDone() throws Exception {
        if (!resumed) {
            if (rest.send("GET", timedUrl + "/connectors", null) != 200) {
                return 0; // the timed worker has not joined yet
            }
            for (String connector : tails.keySet()) {
                int answer = rest.send("PUT", firstUrl + "/connectors/" + connector + "/resume", null);
                if (answer >= 300) {
                    throw new IllegalStateException("PUT /connectors/" + connector + "/resume answered " + answer);
                }
            }
            resumed = true;
        }
        long done = 0;
        for (SinkFileTail tail : tails.values()) {
            tail.poll();
            done += tail.distinct();
        }
        boolean statusDue = System.nanoTime() - lastStatus >= STATUS_EVERY_NANOS;
        if (kill && killedAt == 0 && statusDue) {
            lastStatus = System.nanoTime();
            if (victim == null) {
                victim = connectorWithTaskOn(victimPort);
            }
            if (victim != null && tails.get(victim).distinct() * 2 >= tails.get(victim).expectedCount()) {
                killedAt = System.nanoTime();
                victimWorker.destroyForcibly().waitFor();
                // what the victim wrote before it died, read only now, is not "flowing again"
                tails.get(victim).poll();
                victimDistinctAtKill = tails.get(victim).distinct();
            }
        } else if (killedAt != 0 && statusDue) {
            lastStatus = System.nanoTime();
            if (movedMs < 0 && allTasksRunningAwayFrom(victimPort)) {
                movedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            }
        }
        if (killedAt != 0 && flowingMs < 0 && tails.get(victim).distinct() > victimDistinctAtKill) {
            flowingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        }
        return done;
    }

    /** A connector one of whose tasks is RUNNING on the worker listening on {@code port}, or null. */
    private String connectorWithTaskOn(int port) throws IOException, InterruptedException {
        for (String connector : tails.keySet()) {
            for (String[] task : tasks(connector)) {
                if (task[0].equals("RUNNING") && task[1].endsWith(":" + port)) {
                    return connector;
                }
            }
        }
        return null;
    }

    private boolean allTasksRunningAwayFrom(int port) throws IOException, InterruptedException {
        for (String connector : tails.keySet()) {
            List<String[]> tasks = tasks(connector);
            if (tasks.isEmpty()) {
                return false;
            }
            for (String[] task : tasks) {
                if (!task[0].equals("RUNNING") || task[1].endsWith(":" + port)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {state, worker_id} of every task of the connector, as the timed worker reports them. */
    private List<String[]> tasks(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = rest.get(timedUrl + "/connectors/" + connector + "/status",
                Duration.ofSeconds(5));
        if (response.statusCode() != 200) {
            return List.of();
        }
        String body = response.body();
        int tasksAt = body.indexOf("\"tasks\"");
        if (tasksAt < 0) {
            return List.of();
        }
        List<String[]> out = new java.util.ArrayList<>();
        Matcher task = FLAT_OBJECT.matcher(body.substring(tasksAt));
        while (task.find()) {
            Matcher state = STATE.matcher(task.group());
            Matcher worker = WORKER.matcher(task.group());
            if (state.find() && worker.find()) {
                out.add(new String[] {state.group(1), worker.group(1)});
            }
        }
        return out;
    }

    boolean killed() {
        return killedAt != 0;
    }

    String victim() {
        return victim;
    }

    long victimDistinctAtKill() {
        return victimDistinctAtKill;
    }

    /** From the kill until every task was RUNNING on a live worker, or -1. */
    long movedMs() {
        return movedMs;
    }

    /** From the kill until the killed task's topic had new values in its sink file again, or -1. */
    long flowingMs() {
        return flowingMs;
    }

    Map<String, SinkFileTail> tails() {
        return tails;
    }

    /** Reads what the sinks wrote after the last poll. */
    void catchUp() throws IOException {
        for (SinkFileTail tail : tails.values()) {
            tail.poll();
        }
    }

    @Override
    public void close() {
        for (Process worker : untimedWorkers) {
            worker.destroyForcibly();
            try {
                worker.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
