package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.ForkedWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * A planned restart of a worker with {@code group.instance.id} (a static member): while it is down its tasks stay
 * assigned to it, shown {@code UNASSIGNED}, and are not moved to the other worker; started again with the same id
 * within its session timeout, it runs the same tasks again, and the other worker's tasks never stopped.
 */
class DistributedPlannedRestartIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> workerProps() {
        return distributedWorkerProps(KAFKA.bootstrapServers(), "planned-" + suffix);
    }

    private Map<String, String> staticWorkerProps() {
        Map<String, String> p = workerProps();
        p.put("group.instance.id", "worker-b-" + suffix);
        p.put("session.timeout.ms", "45000"); // the restart window
        return p;
    }

    @Test
    void aStaticWorkerGetsItsOwnTasksBackAfterAPlannedRestart() throws Exception {
        String topic = KAFKA.cluster().newTopic("planned-in", 4);
        Map<String, Object> sink = Map.of("connector.class", "RecordingSink", "topics", topic, "tasks.max", "4",
                "record.dir", dir.resolve("records").toString());
        try (ConnectWorker a = ConnectWorker.builder().workerProperties(workerProps()).distributed().start()) {
            Rest restA = new Rest(a.restUrl());
            Map<Integer, String> before;
            String workerB;
            try (ConnectWorker b = ConnectWorker.builder().workerProperties(staticWorkerProps()).distributed()
                    .start()) {
                workerB = hostPort(b.restUrl());
                await().atMost(TIMEOUT).until(() -> restA.post("/connectors", Map.of("name", "sink", "config",
                        sink)).status() == 201);
                await().atMost(TIMEOUT).until(() -> {
                    Map<Integer, String> placement = placement(restA);
                    return placement.size() == 4 && !placement.containsValue(null)
                            && new TreeSet<>(placement.values()).size() == 2;
                });
                before = placement(restA);
            }
            Set<Integer> tasksOfB = new TreeSet<>();
            before.forEach((task, worker) -> {
                if (worker.equals(workerB)) {
                    tasksOfB.add(task);
                }
            });
            assertThat(tasksOfB).as("the static worker ran some of the tasks").isNotEmpty();

            // while B is down: its tasks are stopped and shown so, and they do not move to A
            await().atMost(TIMEOUT).until(() -> tasksOfB.stream().allMatch(t -> "UNASSIGNED".equals(
                    state(restA, t))));
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).until(() -> {
                Map<Integer, String> now = placement(restA);
                return tasksOfB.stream().allMatch(t -> "UNASSIGNED".equals(state(restA, t)))
                        && before.entrySet().stream().filter(e -> !tasksOfB.contains(e.getKey()))
                        .allMatch(e -> e.getValue().equals(now.get(e.getKey())));
            });

            long restart = System.nanoTime();
            try (ConnectWorker b2 = ConnectWorker.builder().workerProperties(staticWorkerProps()).distributed()
                    .start()) {
                String workerB2 = hostPort(b2.restUrl());
                await().atMost(TIMEOUT).until(() -> {
                    Map<Integer, String> now = placement(restA);
                    return tasksOfB.stream().allMatch(t -> workerB2.equals(now.get(t)))
                            && before.entrySet().stream().filter(e -> !tasksOfB.contains(e.getKey()))
                            .allMatch(e -> e.getValue().equals(now.get(e.getKey())));
                });
                System.out.printf("DistributedPlannedRestartIT: tasks %s stayed with the static worker during its "
                        + "restart and ran on it again %d ms after it was started; the other tasks never moved%n",
                        tasksOfB, (System.nanoTime() - restart) / 1_000_000);
            }
        }
    }

    /**
     * The price of a static member, as docs/connect.md says: a static worker killed with SIGKILL does not leave the
     * group, so its tasks move to the other worker only once the group coordinator drops it after its
     * {@code session.timeout.ms} (15 s here), not at the next heartbeat as for a dynamic member.
     */
    @Test
    void aStaticWorkerKilledWithSigkillLosesItsTasksOnlyAfterItsSessionTimeout() throws Exception {
        String topic = KAFKA.cluster().newTopic("static-kill-in", 4);
        Map<String, Object> sink = Map.of("connector.class", "RecordingSink", "topics", topic, "tasks.max", "4",
                "record.dir", dir.resolve("records").toString());
        Map<String, String> staticProps = staticWorkerProps();
        staticProps.put("session.timeout.ms", "15000");
        try (ConnectWorker a = ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
             ForkedWorker b = ForkedWorker.start(staticProps, dir, "static-b")) {
            Rest restA = new Rest(a.restUrl());
            String workerA = hostPort(a.restUrl());
            String workerB = hostPort(b.awaitRestUrl(TIMEOUT));
            await().atMost(TIMEOUT).until(() -> restA.post("/connectors", Map.of("name", "sink", "config",
                    sink)).status() == 201);
            // settled: every task RUNNING, two on each worker (the balancing rebalance, if any, is over)
            java.util.concurrent.atomic.AtomicReference<Map<Integer, String>> settled =
                    new java.util.concurrent.atomic.AtomicReference<>();
            await().atMost(TIMEOUT).until(() -> {
                Map<Integer, String> placement = placement(restA);
                settled.set(placement);
                return placement.size() == 4 && !placement.containsValue(null)
                        && placement.values().stream().filter(workerB::equals).count() == 2;
            });
            Set<Integer> tasksOfB = new TreeSet<>();
            settled.get().forEach((task, worker) -> {
                if (workerB.equals(worker)) {
                    tasksOfB.add(task);
                }
            });

            long killedAt = System.nanoTime();
            b.kill();
            // for 8 s (well inside the 15 s session) none of B's tasks runs on A
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> {
                Map<Integer, String> now = placement(restA);
                return tasksOfB.stream().noneMatch(t -> workerA.equals(now.get(t)));
            });
            // then the coordinator drops B and every task runs on A
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<Integer, String> now = placement(restA);
                return now.size() == 4 && now.values().stream().allMatch(workerA::equals);
            });
            long movedMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(movedMs).as("moved after the 15 s session less at most a heartbeat interval")
                    .isGreaterThan(12_000);
            System.out.printf("DistributedPlannedRestartIT: the killed static worker's tasks %s ran on the other "
                    + "worker %d ms after the kill (session.timeout.ms=15000)%n", tasksOfB, movedMs);
        }
    }

    /** Task number → worker id of every RUNNING task (null when not running). */
    @SuppressWarnings("unchecked")
    private static Map<Integer, String> placement(Rest rest) {
        Map<Integer, String> out = new TreeMap<>();
        Rest.Response status = rest.get("/connectors/sink/status");
        if (status.status() != 200) {
            return out;
        }
        for (Object t : (List<Object>) status.map().get("tasks")) {
            Map<String, Object> task = (Map<String, Object>) t;
            out.put(((Number) task.get("id")).intValue(),
                    "RUNNING".equals(task.get("state")) ? (String) task.get("worker_id") : null);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String state(Rest rest, int task) {
        Rest.Response status = rest.get("/connectors/sink/tasks/" + task + "/status");
        return status.status() == 200 ? (String) status.map().get("state") : null;
    }

    private static String hostPort(String restUrl) {
        return restUrl.replaceFirst("^http://", "").replaceAll("/+$", "");
    }
}
