package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.SideRole;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders the results of one benchmark invocation as docs/performance.md. */
final class MarkdownReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the report is made of. */
    record Input(Instant started, Instant finished, BenchOptions options, Machine machine, String loadBefore,
                 String loadAfter, String kafkaVersion, String rillVersion, List<ScenarioResult> scenarios) {
    }

    static String render(Input in) {
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Written by `rill-bench/bench.sh").append(in.options().quick() ? " --quick" : "")
                .append("` on ").append(TIME.format(in.started())).append(" (").append(in.options().quick() ? "quick" : "full")
                .append(" mode, ").append(minutes(Duration.between(in.started(), in.finished())))
                .append("). Re-run it to refresh this page; every figure below comes from that one run.\n\n");
        machine(md, in);
        method(md, in);
        for (ScenarioResult scenario : in.scenarios()) {
            scenario(md, scenario);
        }
        md.append("## Reference figures\n\n")
                .append("Measured earlier on this machine with the same protocol (from the design notes, medians of 5, ")
                .append("spread about ±20 %): byte-level pipe ≈ 2.0 M rec/s; Apache Kafka Streams 4.3.1 filter ≈ 1.0 M rec/s ")
                .append("at-least-once; Apache Kafka Connect 4.3.1 standalone with FileStreamSink ≈ 0.41 M rec/s (1 task), ")
                .append("5 s from start to RUNNING, peak RSS ≈ 1.3 GiB. Figures above that differ a lot from these point at ")
                .append("load from other work on the machine during the run.\n\n");
        howTo(md);
        return md.toString();
    }

    private static void howTo(StringBuilder md) {
        md.append("## Running the benchmarks\n\n")
                .append("```\n")
                .append("rill-bench/bench.sh --quick                  # 2 rounds, smaller inputs: a few minutes\n")
                .append("rill-bench/bench.sh                          # 5 rounds, 3 M / 1 M records: about 15-30 minutes here\n")
                .append("rill-bench/bench.sh --scenarios seed-filter --rounds 3 --records 500000 --output /tmp/perf.md\n")
                .append("rill-bench/bench.sh --quick --rounds 3 --scenarios mirror --output /tmp/mirror-bench.md\n")
                .append("```\n\n")
                .append("`bench.sh` builds `rill-bench` and the modules it needs (`mvn package`, no install), resolves ")
                .append("Apache Kafka Connect's classpath from `rill-bench/apache-connect/pom.xml` and MirrorMaker 2's from ")
                .append("`rill-bench/apache-mirror/pom.xml`, copies connect-file into ")
                .append("`rill-bench/target/plugins`, then runs `dev.rill.bench.Bench`. Options: `--rounds`, `--scenarios`, ")
                .append("`--records`, `--commit-interval-ms`, `--jvm-flags`, `--run-timeout-s`, `--output`. Each run's ")
                .append("config files and child-JVM log stay in `rill-bench/target/bench-runs/<run id>/`. `mvn verify` does ")
                .append("not run the benchmark; it runs the harness's unit tests and one tiny end-to-end run (`BenchRunIT`).\n\n")
                .append("To add a scenario, implement `dev.rill.bench.Scenario` (prepare the input once; per run: create its ")
                .append("topics/files and return a `Launch` naming the consumer group to watch, or a `ProgressProbe` counting ")
                .append("the output for a side without one; verify the output) and list it ")
                .append("in `dev.rill.bench.scenarios.Scenarios`. `PaymentInput` and `RecordDigest` generate inputs and check ")
                .append("outputs; a side that needs its own classpath names it in `Side` and `bench.sh` passes it with ")
                .append("`--classpath name=@file`.\n");
    }

    private static void machine(StringBuilder md, Input in) {
        Machine m = in.machine();
        md.append("## Machine and versions\n\n")
                .append("| | |\n|---|---|\n")
                .append("| CPU | ").append(m.cores()).append(" cores, ").append(m.cpuModel()).append(" |\n")
                .append("| RAM | ").append(String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / (double) (1L << 30))).append(" |\n")
                .append("| JDK | ").append(m.jdk()).append(" |\n")
                .append("| OS | ").append(m.os()).append(" |\n")
                .append("| Apache Kafka (broker, clients, Streams, Connect) | ").append(in.kafkaVersion()).append(" |\n")
                .append("| Rill | ").append(in.rillVersion()).append(" |\n")
                .append("| Load average (1/5/15 min) before / after | ").append(in.loadBefore()).append(" — ")
                .append(in.loadAfter()).append(" |\n\n")
                .append("The machine is shared with other engineers compiling and testing while benchmarks run, so ")
                .append("absolute figures are noisy (see the load averages and the min–max spreads). Sides alternate ")
                .append("within every round so that noise hits all of them alike; compare ratios rather than absolute rates.\n\n");
    }

    private static void method(StringBuilder md, Input in) {
        BenchOptions o = in.options();
        md.append("## Method\n\n")
                .append("- One embedded KRaft broker (`rill-kafka-embedded`, Kafka ").append(in.kafkaVersion())
                .append(") runs in the harness JVM. Each scenario produces its input once; then the sides run in turn, ")
                .append("A B C A B C …, ").append(o.rounds()).append(" round(s).\n")
                .append("- Every side runs in its own child JVM with the same flags: `").append(String.join(" ", o.jvmFlags()))
                .append("` (the heap flags of Kafka's `connect-standalone.sh`). Peak RSS is the child's `VmHWM` from ")
                .append("`/proc/<pid>/status`, read just before it is stopped.\n")
                .append("- Throughput = input records / wall time from launching the side's JVM (so JVM start-up, group join ")
                .append("and connector start are included) until its consumer group has committed the end offset of every ")
                .append("input partition (committed offsets polled every 50 ms).\n")
                .append("- Every side commits every ").append(o.commitIntervalMs()).append(" ms (Kafka Streams ")
                .append("`commit.interval.ms`, Connect `offset.flush.interval.ms`, the pipe's own loop). Apart from that, ")
                .append("the input and the heap flags, each Apache side runs with its documented defaults; each scenario ")
                .append("lists exactly what was set.\n")
                .append("- After a side has committed the whole input its JVM is stopped and its output is compared with the ")
                .append("expected output (record count and an order-insensitive 64-bit multiset digest of the records). ")
                .append("Only verified runs are timed; a run with wrong output is listed as failed.\n")
                .append("- Ratios are of median throughputs: Rill / anchor (the Apache implementation) and Rill / ceiling ")
                .append("(a byte-level kafka-clients consumer→producer pipe, where the scenario has one).\n\n");
    }

    private static void scenario(StringBuilder md, ScenarioResult s) {
        md.append("## ").append(s.title()).append("\n\n");
        for (String line : s.description()) {
            md.append(line).append('\n');
        }
        md.append('\n');
        boolean readiness = s.runs().stream().anyMatch(r -> r.readyMs() >= 0);
        md.append("| side | role | verified runs | throughput median (rec/s) | min – max | after first commit (rec/s) | wall time median (s) | first commit (s) |")
                .append(readiness ? " running after (s) |" : "").append(" peak RSS median (MiB) |\n")
                .append("|---|---|---|---|---|---|---|---|").append(readiness ? "---|" : "").append("---|\n");
        for (Side side : s.sides()) {
            List<RunRecord> runs = s.runsOf(side);
            Summary rate = s.throughput(side);
            md.append("| ").append(side.name()).append(" | ").append(role(side.role())).append(" | ");
            if (runs.size() == 1 && runs.get(0).status() == RunStatus.NOT_AVAILABLE) {
                md.append("not available |  |  |  |  |  |").append(readiness ? "  |" : "").append("  |\n");
                continue;
            }
            md.append(s.timedRunsOf(side).size()).append(" / ").append(runs.size()).append(" | ")
                    .append(rate(rate.median())).append(" | ")
                    .append(rate.isEmpty() ? "" : rate(rate.min()) + " – " + rate(rate.max())
                            + String.format(Locale.ROOT, " (±%.0f %%)", rate.relativeSpread() * 100)).append(" | ")
                    .append(rate(s.summary(side, RunRecord::recordsPerSecondAfterFirstCommit).median())).append(" | ")
                    .append(seconds(s.summary(side, r -> r.wallMs()).median())).append(" | ")
                    .append(seconds(s.summary(side, r -> r.firstCommitMs()).median())).append(" | ");
            if (readiness) {
                md.append(seconds(s.summary(side, r -> r.readyMs()).median())).append(" | ");
            }
            md.append(mib(s.peakRss(side).median())).append(" |\n");
        }
        md.append('\n');
        ratios(md, s);
        measurements(md, s);
        runs(md, s, readiness);
    }

    private static void ratios(StringBuilder md, ScenarioResult s) {
        Side rill = s.sideWithRole(SideRole.RILL).orElse(null);
        if (rill == null) {
            return;
        }
        List<RunRecord> rillRuns = s.runsOf(rill);
        if (rillRuns.size() == 1 && rillRuns.get(0).status() == RunStatus.NOT_AVAILABLE) {
            md.append("**Rill side not measured:** ").append(rillRuns.get(0).detail())
                    .append(". The scenario is wired; it runs as soon as that class is on the harness classpath.\n\n");
            return;
        }
        md.append("**Rill / anchor** (median throughput): ").append(ratio(s.rillRatioTo(SideRole.ANCHOR)));
        if (s.sideWithRole(SideRole.ANCHOR_WITH_RILL_CLIENTS).isPresent()) {
            md.append(" · **Rill / anchor with Rill's client settings**: ")
                    .append(ratio(s.rillRatioTo(SideRole.ANCHOR_WITH_RILL_CLIENTS)));
        }
        double overCeiling = s.rillRatioTo(SideRole.CEILING);
        if (s.sideWithRole(SideRole.CEILING).isPresent()) {
            md.append(" · **Rill / ceiling**: ").append(ratio(overCeiling));
        }
        s.sideWithRole(SideRole.ANCHOR).ifPresent(anchor -> md.append(" · **peak RSS Rill / anchor**: ")
                .append(ratio(s.peakRss(rill).ratioTo(s.peakRss(anchor)))));
        md.append("\n\n");
        if (overCeiling > 1) {
            md.append("Rill's median is above the ceiling's: the ceiling is a simple single-threaded loop, not a bound, ")
                    .append("and with spreads this wide the difference may be noise; compare the rates after the first ")
                    .append("commit too.\n\n");
        }
    }

    /** The scenario's own figures (e.g. latency percentiles): medians per side, and Rill / anchor for each. */
    private static void measurements(StringBuilder md, ScenarioResult s) {
        List<String> names = s.measurementNames();
        if (names.isEmpty()) {
            return;
        }
        md.append("| side |");
        names.forEach(name -> md.append(' ').append(name).append(" median |"));
        md.append("\n|---|").append("---|".repeat(names.size())).append('\n');
        for (Side side : s.sides()) {
            md.append("| ").append(side.name()).append(" |");
            names.forEach(name -> md.append(' ').append(figure(s.measurement(side, name).median())).append(" |"));
            md.append('\n');
        }
        md.append('\n');
        Side rill = s.sideWithRole(SideRole.RILL).orElse(null);
        Side anchor = s.sideWithRole(SideRole.ANCHOR).orElse(null);
        if (rill != null && anchor != null) {
            md.append("**Rill / anchor**: ");
            md.append(String.join(" · ", names.stream().map(name -> name + " "
                    + ratio(s.measurement(rill, name).ratioTo(s.measurement(anchor, name)))).toList()));
            md.append("\n\n");
        }
    }

    private static String figure(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    private static void runs(StringBuilder md, ScenarioResult s, boolean readiness) {
        md.append("<details><summary>Every run</summary>\n\n")
                .append("| round | side | result | rec/s | wall (s) | first commit (s) |").append(readiness ? " running after (s) |" : "")
                .append(" peak RSS (MiB) | verification |\n")
                .append("|---|---|---|---|---|---|").append(readiness ? "---|" : "").append("---|---|\n");
        for (RunRecord r : s.runs()) {
            md.append("| ").append(r.round()).append(" | ").append(r.side().name()).append(" | ").append(r.status())
                    .append(" | ").append(r.timed() ? rate(r.recordsPerSecond()) : "").append(" | ")
                    .append(r.timed() ? seconds(r.wallMs()) : "").append(" | ")
                    .append(r.firstCommitMs() >= 0 ? seconds(r.firstCommitMs()) : "").append(" | ");
            if (readiness) {
                md.append(r.readyMs() >= 0 ? seconds(r.readyMs()) : "").append(" | ");
            }
            md.append(r.peakRssBytes() > 0 ? mib(r.peakRssBytes()) : "").append(" | ")
                    .append(cell(r.detail())).append(" |\n");
        }
        md.append("\n</details>\n\n");
    }

    private static String role(SideRole role) {
        return switch (role) {
            case CEILING -> "ceiling";
            case ANCHOR -> "anchor";
            case ANCHOR_WITH_RILL_CLIENTS -> "anchor with Rill's client settings";
            case RILL -> "Rill";
        };
    }

    static String rate(double recordsPerSecond) {
        if (Double.isNaN(recordsPerSecond)) {
            return "—";
        }
        return recordsPerSecond >= 1_000_000
                ? String.format(Locale.ROOT, "%.2f M", recordsPerSecond / 1_000_000)
                : String.format(Locale.ROOT, "%.0f k", recordsPerSecond / 1_000);
    }

    private static String seconds(double millis) {
        return Double.isNaN(millis) || millis < 0 ? "—" : String.format(Locale.ROOT, "%.2f", millis / 1000);
    }

    private static String mib(double bytes) {
        return Double.isNaN(bytes) ? "—" : String.format(Locale.ROOT, "%.0f", bytes / (1 << 20));
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "— (no verified runs on one side)" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%.1f min", duration.toMillis() / 60_000.0);
    }

    private static String cell(String text) {
        String flat = text.replace('\n', ' ').replace("|", "\\|");
        return flat.length() > 400 ? flat.substring(0, 400) + " …" : flat;
    }
}
