package dev.rill.cli.tools;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code rill consume TOPIC}: prints records, one format string each. */
@Command(name = "consume",
        mixinStandardHelpOptions = true,
        description = {"Prints the records of a topic until Ctrl-C, --max-messages or, with --exit-at-end, the end "
                + "of the topic.",
                "Without --group it reads every partition (or --partition) from the end, or from where --from-beginning, "
                        + "--offset or --timestamp say, and commits nothing. With --group it joins that consumer group, "
                        + "starts at the group's committed offsets and commits what it printed.",
                "--format fields: %%t topic, %%p partition, %%o offset, %%k key, %%s value, %%K/%%S key/value length, "
                        + "%%h headers (NAME:VALUE,...), %%T timestamp (epoch ms), %%%% percent; \\n \\t are escapes."},
        footerHeading = "%nExamples:%n",
        footer = {"  rill consume payments --from-beginning",
                "  rill consume payments --from-beginning --format '%%p/%%o %%k=%%s [%%h] at %%T\\n' --max-messages 10",
                "  rill consume payments --partition 2 --offset -5 --exit-at-end",
                "  rill consume payments --timestamp 2026-12-05T08:00:00Z --exit-at-end",
                "  rill consume payments --group audit --from-beginning --isolation read_committed"})
public final class ConsumeCommand implements Callable<Integer> {

    /** Isolation levels, named as the consumer config names them. */
    enum Isolation { read_committed, read_uncommitted }

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning",
            description = "Start at the earliest record (with --group: when the group has no committed offset).")
    boolean fromBeginning;

    @Option(names = "--offset", paramLabel = "OFFSET",
            description = "Start at this offset in each partition read: a number, -N for the last N records, "
                    + "earliest or latest.")
    String offset;

    @Option(names = "--partition", paramLabel = "P", description = "Read only this partition.")
    Integer partition;

    @Option(names = "--timestamp", paramLabel = "TIME",
            description = "Start at the first record at or after TIME: epoch milliseconds or ISO-8601 "
                    + "(2026-12-05T08:00:00Z, or local time without a zone).")
    String timestamp;

    @Option(names = "--group", paramLabel = "GROUP", description = "Consume as a member of this consumer group and commit offsets.")
    String group;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "%s\\n",
            description = "How each record is printed (default: '%%s\\n', the value and a newline).")
    String format;

    @Option(names = "--key-format", paramLabel = "FORMAT", defaultValue = "string",
            description = "How keys are printed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Formats keyFormat;

    @Option(names = "--value-format", paramLabel = "FORMAT", defaultValue = "string",
            description = "How values are printed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Formats valueFormat;

    @Option(names = "--null-marker", paramLabel = "TEXT", defaultValue = "",
            description = "Printed for a null key or value (default: empty).")
    String nullMarker;

    @Option(names = "--max-messages", paramLabel = "N", description = "Exit after printing N records.")
    Long maxMessages;

    @Option(names = "--exit-at-end", description = "Exit when every partition read is at its end offset as of the start.")
    boolean exitAtEnd;

    @Option(names = "--isolation", paramLabel = "LEVEL", defaultValue = "read_uncommitted",
            description = "${COMPLETION-CANDIDATES}: read_committed hides aborted and open transactions' records "
                    + "(default: ${DEFAULT-VALUE}).")
    Isolation isolation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private long printed;

    @Override
    public Integer call() {
        RecordFormat recordFormat = validate();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name());
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StopOnSignal signal = new StopOnSignal()) {
            try (KafkaConsumer<byte[], byte[]> consumer = client.consumer(config)) {
                signal.onSignal(consumer::wakeup);
                List<TopicPartition> partitions = partitions(consumer);
                if (group != null) {
                    consumer.subscribe(List.of(topic));
                } else {
                    consumer.assign(partitions);
                    seek(consumer, partitions);
                }
                run(consumer, recordFormat, out);
            } catch (WakeupException stopped) {
                // Ctrl-C or SIGTERM: what was printed is committed (with --group) and the consumer closed.
            } catch (TimeoutException e) {
                throw KafkaCalls.unreachable(client, "read topic '" + topic + "'");
            } catch (KafkaException e) {
                throw KafkaCalls.translate(e, client, "read topic '" + topic + "'");
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("Processed a total of " + printed + " message" + (printed == 1 ? "" : "s") + ".");
            err.flush();
        }
        return 0;
    }

    private RecordFormat validate() {
        long starts = (fromBeginning ? 1 : 0) + (offset != null ? 1 : 0) + (timestamp != null ? 1 : 0);
        if (starts > 1) {
            throw usage("--from-beginning, --offset and --timestamp each say where to start: give at most one");
        }
        if (group != null && (offset != null || timestamp != null || partition != null)) {
            throw usage("with --group the group's committed offsets say where to start, so --offset, --timestamp "
                    + "and --partition do not apply: move the group with 'rill groups reset-offsets', or drop --group");
        }
        if (maxMessages != null && maxMessages < 1) {
            throw usage("--max-messages must be at least 1, was " + maxMessages);
        }
        if (offset != null && !offset.matches("-?\\d+|earliest|latest")) {
            throw usage("--offset expects a number, -N (the last N records), earliest or latest, but was '" + offset + "'");
        }
        try {
            if (timestamp != null) {
                Text.epochMillis(timestamp, "--timestamp");
            }
            return RecordFormat.parse(format, keyFormat, valueFormat, nullMarker);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, client.timeout());
        if (infos == null || infos.isEmpty()) {
            throw new ToolException("topic '" + topic + "' does not exist at " + client.bootstrapServer()
                    + ": expected an existing topic; 'rill topics list' lists them, 'rill topics create " + topic
                    + "' creates it");
        }
        List<TopicPartition> all = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).collect(Collectors.toList());
        if (partition == null) {
            return all;
        }
        if (partition < 0 || partition >= all.size()) {
            throw new ToolException("--partition " + partition + " does not exist: topic '" + topic + "' has partitions 0 to "
                    + (all.size() - 1));
        }
        return List.of(new TopicPartition(topic, partition));
    }

    private void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        if (fromBeginning || "earliest".equals(offset)) {
            consumer.seekToBeginning(partitions);
        } else if (timestamp != null) {
            long time = Text.epochMillis(timestamp, "--timestamp");
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> time)));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, found.get(p) != null ? found.get(p).offset() : ends.get(p)));
        } else if (offset != null && !"latest".equals(offset)) {
            long requested = Long.parseLong(offset);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                long target = requested >= 0 ? requested : ends.get(p) + requested;
                consumer.seek(p, Math.max(beginnings.get(p), Math.min(target, ends.get(p))));
            }
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    private void run(KafkaConsumer<byte[], byte[]> consumer, RecordFormat recordFormat, PrintWriter out) {
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        try {
            while (!(exitAtEnd && atEnd(consumer))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.print(recordFormat.format(record));
                    toCommit.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    printed++;
                    if (maxMessages != null && printed >= maxMessages) {
                        return;
                    }
                }
                out.flush();
                if (out.checkError()) {
                    return;
                }
                commit(consumer, toCommit);
            }
        } finally {
            out.flush();
            commit(consumer, toCommit);
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (group != null && !offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.clear();
        }
    }

    /** True when every assigned partition's position reached its end offset (taken when first assigned). */
    private boolean atEnd(KafkaConsumer<byte[], byte[]> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        List<TopicPartition> unknown = assigned.stream().filter(p -> !endOffsets.containsKey(p)).collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            endOffsets.putAll(consumer.endOffsets(unknown));
        }
        return assigned.stream().allMatch(p -> consumer.position(p) >= endOffsets.get(p));
    }
}
