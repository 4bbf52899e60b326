package dev.rill.cli.demo;

import java.util.List;

/**
 * One reading of the demo pipeline.
 *
 * @param produced   records in {@code payment}
 * @param filtered   records in {@code unknown-payment}
 * @param written    rows in the SQLite table
 * @param streamsLag records of {@code payment} the Streams app has not committed yet
 * @param sinkLag    records of {@code unknown-payment} the JDBC sink has not committed yet
 * @param connectors every connector of the worker (the demo's and those added through REST), by name
 * @param connectorsProblem why the connectors could not be read, or null
 */
record DemoStats(long produced, long filtered, long written, long streamsLag, long sinkLag,
                        List<ConnectorStatus> connectors, String connectorsProblem) {
}
