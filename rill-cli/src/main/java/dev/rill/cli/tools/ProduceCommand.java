package dev.rill.cli.tools;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** {@code rill produce TOPIC}: one record per input line. */
@Command(name = "produce",
        mixinStandardHelpOptions = true,
        description = {"Sends one record per line of stdin (or of --file) to a topic, until the end of the input.",
                "By default a line is the value and the key is null. With --key-separator a line is KEY<sep>VALUE; "
                        + "with --parse-headers it starts with headers: h1:v1,h2:v2<TAB>... ."},
        footerHeading = "%nExamples:%n",
        footer = {"  echo 'hello' | rill produce greetings",
                "  printf 'alice:1\\nbob:2\\n' | rill produce scores --key-separator :",
                "  rill produce payments --file payments.txt --key-separator '\\t' --rate 100",
                "  printf 'trace:42\\tkey-1\\tv1\\n' | rill produce events --parse-headers --key-separator '\\t'",
                "  rill produce blobs --value-format base64 --file blobs.b64 --header origin=import"})
public final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to write to.")
    String topic;

    @Option(names = "--file", paramLabel = "FILE", description = "Read lines from this file instead of stdin.")
    Path file;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Parse each line as KEY<SEP>VALUE (split at the first SEP); \\t stands for a tab. "
                    + "Without it, the whole line is the value and the key is null.")
    String keySeparator;

    @Option(names = "--parse-headers",
            description = "Each line starts with headers, then --headers-delimiter: NAME:VALUE,NAME:VALUE<TAB>... "
                    + "(a NAME without :VALUE has a null value; an empty list means no headers).")
    boolean parseHeaders;

    @Option(names = "--headers-delimiter", paramLabel = "SEP", defaultValue = "\\t",
            description = "Ends the headers of a line (default: ${DEFAULT-VALUE}).")
    String headersDelimiter;

    @Option(names = "--headers-separator", paramLabel = "SEP", defaultValue = ",",
            description = "Separates one header from the next (default: ${DEFAULT-VALUE}).")
    String headersSeparator;

    @Option(names = "--headers-key-separator", paramLabel = "SEP", defaultValue = ":",
            description = "Separates a header's name from its value (default: ${DEFAULT-VALUE}).")
    String headersKeySeparator;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A header added to every record; repeatable.")
    Map<String, String> constantHeaders = new LinkedHashMap<>();

    @Option(names = "--key-format", paramLabel = "FORMAT", defaultValue = "string",
            description = "How keys are written: ${COMPLETION-CANDIDATES} (bytes as base64 or hex) (default: ${DEFAULT-VALUE}).")
    Formats keyFormat;

    @Option(names = "--value-format", paramLabel = "FORMAT", defaultValue = "string",
            description = "How values are written: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Formats valueFormat;

    @Option(names = "--null-marker", paramLabel = "TEXT",
            description = "A key or value equal to TEXT is sent as null (a tombstone, for a value).")
    String nullMarker;

    @Option(names = "--rate", paramLabel = "RECORDS/S", defaultValue = "0",
            description = "Send at most this many records per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--acks", paramLabel = "ACKS", defaultValue = "all",
            description = "Producer acks: all, 1 or 0 (default: ${DEFAULT-VALUE}).")
    String acks;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (rate < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 0 or more, was " + rate);
        }
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        long written;
        try (BufferedReader reader = open()) {
            requireReachable();
            written = send(reader, new LineParser());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("Sent " + written + " record" + (written == 1 ? "" : "s") + " to " + topic + ".");
        err.flush();
        return 0;
    }

    /** Sends a record per line until the end of the input; returns how many the brokers acknowledged. */
    private long send(BufferedReader reader, LineParser parser) throws IOException, InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long sent = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = client.producer(Map.of(ProducerConfig.ACKS_CONFIG, acks))) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null && failure.get() == null) {
                lineNumber++;
                ProducerRecord<byte[], byte[]> record = parser.parse(line, lineNumber);
                pace(started, sent);
                try {
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    throw noMetadata(e);
                }
                sent++;
            }
            producer.flush();
        }
        if (failure.get() instanceof org.apache.kafka.common.errors.TimeoutException) {
            throw noMetadata((org.apache.kafka.common.errors.TimeoutException) failure.get());
        } else if (failure.get() != null) {
            throw KafkaCalls.translate(failure.get(), client, "send to topic '" + topic + "' (" + acknowledged.get()
                    + " of " + sent + " records were written)");
        }
        return acknowledged.get();
    }

    /**
     * Fails fast when no broker answers, so that a later metadata timeout means what the producer says: the topic
     * does not exist (and the brokers do not create topics on first use).
     */
    private void requireReachable() {
        try (Admin admin = client.admin()) {
            KafkaCalls.await(admin.describeCluster().clusterId(), client, "send to topic '" + topic + "'");
        }
    }

    /** The producer found no metadata for the topic in time, although a broker answered before. */
    private ToolException noMetadata(org.apache.kafka.common.errors.TimeoutException e) {
        if (String.valueOf(e.getMessage()).contains("not present in metadata")) {
            return new ToolException("topic '" + topic + "' does not exist at " + client.bootstrapServer()
                    + " and the brokers did not create it within " + client.timeout().toSeconds() + " s: expected an "
                    + "existing topic; create it with 'rill topics create " + topic + "'");
        }
        return KafkaCalls.unreachable(client, "send to topic '" + topic + "'");
    }

    private BufferedReader open() throws IOException {
        if (file == null) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        if (!Files.isReadable(file)) {
            throw new ToolException("cannot read --file " + file.toAbsolutePath() + ": expected a readable file of "
                    + "lines to send; check the path");
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** Sleeps until the next record is due under {@code --rate}. */
    private void pace(long started, long sent) throws InterruptedException {
        if (rate == 0) {
            return;
        }
        long due = started + (long) (sent * 1_000_000_000L / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Splits a line into headers, key and value as the options say. */
    private final class LineParser {
        private final String headersDelimiterText = Text.unescape(headersDelimiter);
        private final String headersSeparatorText = Text.unescape(headersSeparator);
        private final String headersKeySeparatorText = Text.unescape(headersKeySeparator);
        private final String keySeparatorText = keySeparator == null ? null : Text.unescape(keySeparator);

        ProducerRecord<byte[], byte[]> parse(String line, long lineNumber) {
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            String rest = line;
            if (parseHeaders) {
                int end = rest.indexOf(headersDelimiterText);
                if (end < 0) {
                    throw new ToolException("line " + lineNumber + " has no headers delimiter '" + headersDelimiter
                            + "': with --parse-headers every line starts with NAME:VALUE,...<delimiter>; "
                            + "found: " + abbreviate(line));
                }
                parseHeaders(rest.substring(0, end), headers);
                rest = rest.substring(end + headersDelimiterText.length());
            }
            constantHeaders.forEach((name, value) ->
                    headers.add(new AbstractMap.SimpleEntry<>(name, value.getBytes(StandardCharsets.UTF_8))));
            String key = null;
            String value = rest;
            if (keySeparatorText != null) {
                int separator = rest.indexOf(keySeparatorText);
                if (separator < 0) {
                    throw new ToolException("line " + lineNumber + " has no key separator '" + keySeparator
                            + "': expected KEY" + keySeparator + "VALUE; found: " + abbreviate(line));
                }
                key = rest.substring(0, separator);
                value = rest.substring(separator + keySeparatorText.length());
            }
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key, keyFormat, "key", lineNumber),
                    bytes(value, valueFormat, "value", lineNumber));
            headers.forEach(header -> record.headers().add(header.getKey(), header.getValue()));
            return record;
        }

        private void parseHeaders(String text, List<Map.Entry<String, byte[]>> headers) {
            if (text.isEmpty()) {
                return;
            }
            for (String header : text.split(java.util.regex.Pattern.quote(headersSeparatorText), -1)) {
                int separator = header.indexOf(headersKeySeparatorText);
                if (separator < 0) {
                    headers.add(new AbstractMap.SimpleEntry<>(header, null));
                } else {
                    headers.add(new AbstractMap.SimpleEntry<>(header.substring(0, separator), header.substring(
                            separator + headersKeySeparatorText.length()).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }

        private byte[] bytes(String text, Formats format, String what, long lineNumber) {
            if (text == null || text.equals(nullMarker)) {
                return null;
            }
            try {
                return format.decode(text);
            } catch (IllegalArgumentException e) {
                throw new ToolException("line " + lineNumber + ": the " + what + " is not " + format + " ("
                        + e.getMessage() + "): expected --" + what + "-format " + format + "; found: " + abbreviate(text));
            }
        }

        private String abbreviate(String text) {
            return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 60) + "…'";
        }
    }
}
