package dev.rill.streams.kstream;

import dev.rill.streams.errors.TopologyException;

/** Gives an operator's processor node an explicit, stable name. */
public class Named {
    protected final String name;

    protected Named(String name) {
        this.name = name;
    }

    protected Named(Named other) {
        this(other.name);
    }

    /**
     * Creates a name.
     *
     * @throws TopologyException if the name is empty or has characters other than letters, digits, '.', '_' and '-'
     */
    public static Named as(String name) {
        validate(name);
        return new Named(name);
    }

    /** A copy with another name. */
    public Named withName(String name) {
        validate(name);
        return new Named(name);
    }

    static void validate(String name) {
        if (name == null || name.isEmpty() || !name.matches("[a-zA-Z0-9._-]+") || name.length() > 249) {
            throw new TopologyException("name '" + name + "' is not valid: use 1 to 249 letters, digits, '.', '_' or '-'.");
        }
    }
}
