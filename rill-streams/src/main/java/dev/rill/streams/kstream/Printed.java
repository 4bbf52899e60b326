package dev.rill.streams.kstream;

import dev.rill.streams.errors.TopologyException;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Where and how {@link KStream#print(Printed)} writes records: to standard output or a file, one line per record,
 * {@code [label]: key, value} by default (the label defaults to the name of the node whose records are printed).
 */
public class Printed<K, V> {
    protected final OutputStream outputStream;
    protected final boolean ownsStream;
    protected String label;
    protected String processorName;
    protected KeyValueMapper<? super K, ? super V, String> mapper = (key, value) -> key + ", " + value;

    private Printed(OutputStream outputStream, boolean ownsStream) {
        this.outputStream = outputStream;
        this.ownsStream = ownsStream;
    }

    protected Printed(Printed<K, V> other) {
        this.outputStream = other.outputStream;
        this.ownsStream = other.ownsStream;
        this.label = other.label;
        this.processorName = other.processorName;
        this.mapper = other.mapper;
    }

    /**
     * Prints to a file, created or truncated now.
     *
     * @throws TopologyException if the file cannot be opened for writing
     */
    public static <K, V> Printed<K, V> toFile(String filePath) {
        Objects.requireNonNull(filePath, "filePath can't be null");
        if (filePath.isBlank()) {
            throw new TopologyException("Printed.toFile needs a file path, but it was empty");
        }
        try {
            return new Printed<>(new FileOutputStream(filePath), true);
        } catch (FileNotFoundException e) {
            throw new TopologyException("Unable to write stream to file at [" + filePath + "]: " + e.getMessage()
                    + "; check that its directory exists and is writable");
        }
    }

    /** Prints to standard output. */
    public static <K, V> Printed<K, V> toSysOut() {
        return new Printed<>(System.out, false);
    }

    /** The label in front of each line instead of the node's name. */
    public Printed<K, V> withLabel(String label) {
        this.label = Objects.requireNonNull(label, "label can't be null");
        return this;
    }

    /** How a record becomes the text after the label, instead of {@code key + ", " + value}. */
    public Printed<K, V> withKeyValueMapper(KeyValueMapper<? super K, ? super V, String> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        return this;
    }

    /** The name of the printing node. */
    public Printed<K, V> withName(String processorName) {
        Named.validate(processorName);
        this.processorName = processorName;
        return this;
    }
}
