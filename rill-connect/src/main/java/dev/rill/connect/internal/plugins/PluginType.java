package dev.rill.connect.internal.plugins;

import java.util.Locale;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/** The kinds of plugins the worker discovers, with the service interface each is declared under. */
public enum PluginType {
    SOURCE(SourceConnector.class),
    SINK(SinkConnector.class),
    CONVERTER(Converter.class),
    HEADER_CONVERTER(HeaderConverter.class),
    TRANSFORMATION(Transformation.class),
    PREDICATE(Predicate.class),
    CONFIGPROVIDER(ConfigProvider.class);

    private final Class<?> superType;

    PluginType(Class<?> superType) {
        this.superType = superType;
    }

    public Class<?> superType() {
        return superType;
    }

    /** The lower-case name used in REST responses ({@code source}, {@code sink}, {@code converter} …). */
    public String restName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isConnector() {
        return this == SOURCE || this == SINK;
    }
}
