#!/usr/bin/env bash
# Runs Rill's side-by-side benchmarks and writes docs/performance.md.
#
#   rill-bench/bench.sh            full mode: 5 rounds, 3 M records (seed filter, count, windowed count, mirror),
#                                  1 M records (Connect sink), 2 x 1 M records (stream-join), a 1 M-key changelog (restore)
#   rill-bench/bench.sh --quick    quick mode: 2 rounds, smaller inputs (restore keeps 1 M keys), a few minutes
#   rill-bench/bench.sh --quick --scenarios count,restore    only the stateful scenarios
#   rill-bench/bench.sh --quick --scenarios windowed-count,stream-join    only the window scenarios
#   rill-bench/bench.sh --quick --rounds 3 --scenarios mirror --output /tmp/mirror-bench.md    Rill Mirror vs MM2
#   rill-bench/bench.sh --rounds 3 --scenarios connect-cluster,connect-failover --output /tmp/connect.md
#                                  distributed Connect vs Apache's; each connect-failover run of Apache's side waits
#                                  out its scheduled.rebalance.max.delay.ms (5 min)
#   rill-bench/bench.sh --scenarios seed-filter --rounds 3 --records 500000 --output /tmp/perf.md
#
# Builds what it needs with Maven (package, no install), resolves the child JVMs' classpaths, then runs
# dev.rill.bench.Bench. Other options: see dev.rill.bench.internal.BenchOptions.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="$root/rill-bench/target"
mvn_flags=(-B -q)

echo "rill-bench: building (mvn package -pl rill-bench,rill-cli,rill-mirror -am, tests neither compiled nor run) ..."
# Every module of the build writes its runtime classpath to its own target/runtime-classpath.txt. rill-cli and
# rill-mirror are the mirror scenario's Rill side (rill mirror loads the plugin from rill-mirror/target/plugin).
mvn "${mvn_flags[@]}" -pl rill-bench,rill-cli,rill-mirror -am package -Dmaven.test.skip=true \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
echo "rill-bench: resolving Apache Kafka Connect's classpath ..."
mvn "${mvn_flags[@]}" -f rill-bench/apache-connect/pom.xml \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$target/apache-connect-classpath.txt"
echo "rill-bench: resolving Apache MirrorMaker 2's classpath ..."
mvn "${mvn_flags[@]}" -f rill-bench/apache-mirror/pom.xml \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$target/apache-mirror-classpath.txt"

rm -rf "$target/bench-runs"
harness_cp="$target/classes:$(cat "$target/runtime-classpath.txt")"
# Rill Connect runs on its own module's classpath, like Apache Connect does, plus the side's small main class.
rill_connect_cp="$target/classes:$root/rill-connect/target/classes:$(cat "$root/rill-connect/target/runtime-classpath.txt")"
# rill mirror is the CLI itself (dev.rill.cli.Main) on its module's classpath; rill.home tells it the repository root.
rill_mirror_cp="$root/rill-cli/target/classes:$(cat "$root/rill-cli/target/runtime-classpath.txt")"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# The harness JVM hosts the broker; the sides get their own JVMs (flags: --jvm-flags, default -Xms256m -Xmx2g).
exec java -Xmx2g -Drill.bench.commit="$commit" -Drill.bench.rillHome="$root" -cp "$harness_cp" dev.rill.bench.Bench \
    --classpath "harness=$harness_cp" \
    --classpath "apache-connect=@$target/apache-connect-classpath.txt" \
    --classpath "rill-connect=$rill_connect_cp" \
    --classpath "apache-mirror=@$target/apache-mirror-classpath.txt" \
    --classpath "rill-mirror=$rill_mirror_cp" \
    --plugin-path "$target/plugins" \
    --work-dir "$target/bench-runs" \
    --output "$root/docs/performance.md" \
    "$@"
