package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConnectRestClient;
import dev.rill.cli.rest.ConnectClientException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rill.cli.rest.ConnectRestClient.segment;
import static dev.rill.cli.connectors.StatusView.list;
import static dev.rill.cli.connectors.StatusView.object;

/** {@code rill connectors restart NAME [--failed] [--include-tasks] | --task N}. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Restarts a connector, its tasks too, only what has FAILED, or one task.",
                "(POST /connectors/NAME/restart) With --include-tasks its tasks too; with --failed only the "
                        + "instances that are FAILED; --task N restarts task N alone. Prints which instances the "
                        + "worker restarts."},
        footer = {"", "Examples:",
                "  rill connectors restart file-sink",
                "  rill connectors restart file-sink --include-tasks --failed",
                "  rill connectors restart file-sink --task 0"})
final class RestartConnector extends ConnectorsSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The connector's name.")
    String name;

    @Option(names = "--include-tasks", description = "Restart the tasks too.")
    boolean includeTasks;

    @Option(names = "--failed", description = "Restart only instances that are FAILED.")
    boolean onlyFailed;

    @Option(names = "--task", paramLabel = "N", description = "Restart only task N (not with the other options).")
    Integer task;

    @Override
    int execute(ConnectRestClient client) {
        String path = "/connectors/" + segment(name);
        if (task != null) {
            if (includeTasks || onlyFailed) {
                throw new ConnectClientException("--task restarts one task; leave out --include-tasks and --failed");
            }
            client.post(path + "/tasks/" + task + "/restart", null);
            return report(List.of("task " + task));
        }
        ConnectRestClient.Response answer = client.post(path + "/restart?includeTasks=" + includeTasks
                + "&onlyFailed=" + onlyFailed, null);
        if (answer.status() == 204 || answer.body() == null) {
            return report(List.of("connector"));
        }
        return report(restarting(answer.object()));
    }

    /** The instances whose state the worker set to RESTARTING. */
    private static List<String> restarting(Map<String, Object> status) {
        List<String> instances = new java.util.ArrayList<>();
        if ("RESTARTING".equals(object(status.get("connector")).get("state"))) {
            instances.add("connector");
        }
        for (Object each : list(status.get("tasks"))) {
            Map<String, Object> t = object(each);
            if ("RESTARTING".equals(t.get("state"))) {
                instances.add("task " + t.get("id"));
            }
        }
        return instances;
    }

    private int report(List<String> instances) {
        if (json()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("restarted", instances);
            printJson(entry);
        } else if (instances.isEmpty()) {
            out().println("connector " + name + ": nothing to restart" + (onlyFailed ? " (nothing has FAILED)" : ""));
        } else {
            out().println("connector " + name + ": restarting " + String.join(", ", instances));
        }
        return OK;
    }
}
