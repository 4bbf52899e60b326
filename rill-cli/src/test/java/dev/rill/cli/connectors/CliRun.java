package dev.rill.cli.connectors;

import dev.rill.cli.Main;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of {@code rill connectors …}: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code rill connectors args…}, with {@code --url url} appended when {@code url} is not null. */
    static CliRun connectors(String url, String... args) {
        List<String> all = new ArrayList<>();
        all.add("connectors");
        all.addAll(List.of(args));
        if (url != null) {
            all.add("--url");
            all.add(url);
        }
        return rill(all.toArray(String[]::new));
    }

    /** Runs {@code rill args…}. */
    static CliRun rill(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
