package dev.rill.mirror.internal;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the three Rill Mirror connectors share when they start. */
public final class MirrorConnectorSupport {
    private static final Logger log = LoggerFactory.getLogger(MirrorConnectorSupport.class);
    private static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private MirrorConnectorSupport() {
    }

    /** Parses and validates a connector's settings, failing the start with every problem listed. */
    public static MirrorConnectorConfig parse(String connector, Map<String, String> props) {
        try {
            MirrorConnectorConfig config = new MirrorConnectorConfig(props);
            for (String key : new String[] {"key.converter", "value.converter"}) {
                if (!BYTE_ARRAY_CONVERTER.equals(props.get(key))) {
                    log.warn("{} {}->{}: {} is {}; Rill Mirror writes raw bytes and needs {}={} in the connector"
                            + " settings (or the worker's) to copy records unchanged", connector,
                            config.sourceAlias(), config.targetAlias(), key, props.getOrDefault(key, "not set here"),
                            key, BYTE_ARRAY_CONVERTER);
                }
            }
            return config;
        } catch (ConfigException e) {
            throw new ConnectException(connector + ": " + e.getMessage(), e);
        }
    }
}
