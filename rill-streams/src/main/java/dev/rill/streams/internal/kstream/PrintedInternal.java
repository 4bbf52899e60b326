package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Printed;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.processor.api.Record;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Read access to a {@link Printed}, and the processor that prints. */
final class PrintedInternal<K, V> extends Printed<K, V> {
    PrintedInternal(Printed<K, V> printed) {
        super(printed);
    }

    String name() {
        return processorName;
    }

    /**
     * Processors that label lines, unless a label was given, with {@code parentName}: the name of the node whose
     * records they print (as Kafka Streams does). Every task's processor writes to the one stream of the
     * {@code Printed}; a file is closed when the last processor using it closes, standard output never.
     */
    ProcessorSupplier<K, V, Void, Void> processors(String parentName) {
        String prefix = "[" + (label != null ? label : parentName) + "]: ";
        Output output = new Output(new PrintWriter(new OutputStreamWriter(outputStream, StandardCharsets.UTF_8)),
                ownsStream);
        return () -> new DslProcessor<K, V, Void, Void>() {
            @Override
            public void init(dev.rill.streams.processor.api.ProcessorContext<Void, Void> context) {
                super.init(context);
                output.open();
            }

            @Override
            public void process(Record<K, V> record) {
                output.println(prefix + mapper.apply(record.key(), record.value()));
            }

            @Override
            public void close() {
                output.release();
            }
        };
    }

    /** The shared writer, counted by the processors that use it. */
    private static final class Output {
        private final PrintWriter writer;
        private final boolean closeWhenUnused;
        private int users;

        Output(PrintWriter writer, boolean closeWhenUnused) {
            this.writer = writer;
            this.closeWhenUnused = closeWhenUnused;
        }

        synchronized void open() {
            users++;
        }

        synchronized void println(String line) {
            writer.println(line);
            writer.flush();
            if (writer.checkError()) {
                throw new UncheckedIOException(new IOException("KStream.print could not write: " + line));
            }
        }

        synchronized void release() {
            users--;
            writer.flush();
            if (users == 0 && closeWhenUnused) {
                writer.close();
            }
        }
    }
}
