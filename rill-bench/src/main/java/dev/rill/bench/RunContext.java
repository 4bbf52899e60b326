package dev.rill.bench;

import java.nio.file.Path;

/**
 * One run of one side in one round, as the scenario sees it.
 *
 * @param side             the side being run
 * @param round            1-based round number
 * @param runId            unique id of this run (lower case, usable in topic, group and file names)
 * @param workDir          an empty directory for this run's config, state and output files
 * @param bootstrapServers the benchmark broker
 * @param commitIntervalMs the commit interval every side uses
 */
public record RunContext(Side side, int round, String runId, Path workDir, String bootstrapServers,
                         long commitIntervalMs) {
}
