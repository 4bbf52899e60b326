package dev.rill.cli.connectors;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;

/** The options every {@code rill connectors} command takes: where the worker is and how to print. */
final class ClientOptions {

    @Option(names = "--url", paramLabel = "URL", converter = UrlConverter.class,
            defaultValue = "${env:" + ConnectorsCommand.URL_ENV + ":-" + ConnectorsCommand.DEFAULT_URL + "}",
            description = "REST API of a Kafka Connect worker, Rill's or Apache's (default: ${DEFAULT-VALUE}; "
                    + "from $" + ConnectorsCommand.URL_ENV + " when set).")
    URI url;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            defaultValue = "table", description = "table (default) or json.")
    OutputFormat output;

    /** Accepts {@code http(s)://host:port[/path]}, and {@code host:port} as {@code http://host:port}. */
    static final class UrlConverter implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            String text = value.strip();
            if (!text.contains("://")) {
                text = "http://" + text;
            }
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(value, "not an http(s) URL with a host");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new CommandLine.TypeConversionException("expected a worker's REST URL such as "
                        + ConnectorsCommand.DEFAULT_URL + ", found '" + value + "'");
            }
        }
    }
}
