package dev.rill.connect.internal.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import dev.rill.connect.internal.config.ConnectorConfig;
import dev.rill.connect.internal.errors.ErrorHandler;
import dev.rill.connect.internal.errors.Stage;
import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;

/** The SMTs of a connector, in order, each optionally guarded by a (possibly negated) predicate. */
public final class TransformationChain<R extends ConnectRecord<R>> implements AutoCloseable {

    private record Step<R extends ConnectRecord<R>>(Transformation<R> transform, Predicate<R> predicate, boolean negate) {
        boolean applies(R record) {
            return predicate == null || negate != predicate.test(record);
        }
    }

    private final List<Step<R>> steps;
    private final List<Predicate<R>> predicates;

    private TransformationChain(List<Step<R>> steps, List<Predicate<R>> predicates) {
        this.steps = steps;
        this.predicates = predicates;
    }

    public static <R extends ConnectRecord<R>> TransformationChain<R> empty() {
        return new TransformationChain<>(List.of(), List.of());
    }

    /** Builds and configures the chain described by {@code transforms} / {@code predicates}. */
    @SuppressWarnings("unchecked")
    public static <R extends ConnectRecord<R>> TransformationChain<R> build(ConnectorConfig config, Plugins plugins,
                                                                           ClassLoader connectorLoader) {
        Map<String, Predicate<R>> predicates = new HashMap<>();
        for (String alias : config.predicates()) {
            String prefix = "predicates." + alias + ".";
            String type = config.props().get(prefix + "type");
            if (type == null || type.isBlank()) {
                throw new ConnectException("Predicate '" + alias + "' has no " + prefix + "type; set it to a "
                        + "Predicate class such as org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
            }
            Predicate<R> p = plugins.newInstance(type, PluginType.PREDICATE, Predicate.class, connectorLoader);
            Plugins.runWithLoader(plugins.loaderOf(p), () -> p.configure(config.withPrefix(prefix)));
            predicates.put(alias, p);
        }
        List<Step<R>> steps = new ArrayList<>();
        for (String alias : config.transforms()) {
            String prefix = "transforms." + alias + ".";
            String type = config.props().get(prefix + "type");
            if (type == null || type.isBlank()) {
                throw new ConnectException("Transformation '" + alias + "' has no " + prefix + "type; set it to a "
                        + "Transformation class such as org.apache.kafka.connect.transforms.InsertField$Value");
            }
            Transformation<R> t = plugins.newInstance(type, PluginType.TRANSFORMATION, Transformation.class,
                    connectorLoader);
            Map<String, String> tConfig = config.withPrefix(prefix);
            Plugins.runWithLoader(plugins.loaderOf(t), () -> t.configure(tConfig));
            String predicateAlias = tConfig.get("predicate");
            Predicate<R> predicate = null;
            if (predicateAlias != null && !predicateAlias.isBlank()) {
                predicate = predicates.get(predicateAlias.trim());
                if (predicate == null) {
                    throw new ConnectException("Transformation '" + alias + "' refers to predicate '" + predicateAlias
                            + "' which is not listed in predicates=" + config.predicates() + "; add it there");
                }
            }
            steps.add(new Step<>(t, predicate, Boolean.parseBoolean(tConfig.getOrDefault("negate", "false"))));
        }
        return new TransformationChain<>(steps, new ArrayList<>(predicates.values()));
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Applies every step; {@code null} means a step dropped the record (or a tolerated failure). */
    public R apply(R record, ErrorHandler errors, ConsumerRecord<byte[], byte[]> consumed) {
        R current = record;
        for (Step<R> step : steps) {
            if (current == null) {
                return null;
            }
            R input = current;
            current = errors.execute(Stage.TRANSFORMATION, step.transform().getClass(), consumed, input,
                    () -> step.applies(input) ? step.transform().apply(input) : input);
        }
        return current;
    }

    @Override
    public void close() {
        for (Step<R> s : steps) {
            s.transform().close();
        }
        for (Predicate<R> p : predicates) {
            p.close();
        }
    }
}
