package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Named;

/** Read access to a {@link Named}. */
final class NamedInternal extends Named {
    NamedInternal(Named n) {
        super(n);
    }

    static String nameOf(Named named) {
        return named == null ? null : new NamedInternal(named).name;
    }
}
