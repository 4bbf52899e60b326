package dev.rill.connect.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * A sink task context like the worker's: with {@code tolerateAll} the errant record reporter collects
 * records (the dead-letter queue), otherwise it fails the task as errors.tolerance=none does.
 */
final class FakeSinkContext implements SinkTaskContext, ErrantRecordReporter {
    /** A record sent to the dead-letter queue and the error it carried. */
    record Reported(SinkRecord record, Throwable error) {
    }

    final List<Reported> deadLetters = new ArrayList<>();
    final List<Long> timeouts = new ArrayList<>();
    private final boolean tolerateAll;

    FakeSinkContext(boolean tolerateAll) {
        this.tolerateAll = tolerateAll;
    }

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
        if (!tolerateAll) {
            throw new ConnectException("Tolerance exceeded in error handler", error);
        }
        deadLetters.add(new Reported(record, error));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return this;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
        timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
