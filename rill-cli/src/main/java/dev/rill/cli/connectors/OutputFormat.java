package dev.rill.cli.connectors;

import picocli.CommandLine;

import java.util.Locale;

/** How a {@code rill connectors} command prints its result. */
enum OutputFormat {
    /** Aligned columns and short sentences for people. */
    TABLE,
    /** The worker's JSON answer (or, for actions, a small JSON summary), indented, for scripts. */
    JSON;

    /** Accepts {@code table} and {@code json} in any case. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected 'table' or 'json', found '" + value + "'");
            }
        }
    }
}
