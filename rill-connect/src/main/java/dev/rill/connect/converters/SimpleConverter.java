package dev.rill.connect.converters;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * What Rill's configuration-free converters share: nothing to configure, headers converted exactly like record
 * keys and values, and the version of the Apache Kafka converters they stand in for (the kafka-clients version,
 * as Apache's own report). Subclasses supply the two conversions (and {@link #close()} if they hold resources).
 */
abstract class SimpleConverter implements Converter, HeaderConverter, Versioned {

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }
}
