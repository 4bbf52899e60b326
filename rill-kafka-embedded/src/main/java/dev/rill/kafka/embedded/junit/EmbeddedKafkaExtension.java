package dev.rill.kafka.embedded.junit;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.Supplier;

/**
 * Gives a test class one running embedded Kafka cluster, started before its first test and closed after its last.
 *
 * <pre>{@code
 * class PaymentFilterIT {
 *     @RegisterExtension
 *     static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
 *
 *     @Test
 *     void filtersUnknownPayments() {
 *         String input = KAFKA.cluster().newTopic("payment", 4);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Also usable as {@code @ExtendWith(EmbeddedKafkaExtension.class)}, with the cluster injected as a test or
 * lifecycle method parameter of type {@link EmbeddedKafkaCluster}.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Supplier<EmbeddedKafkaCluster.Builder> builder;
    private EmbeddedKafkaCluster cluster;

    /** One combined broker+controller node: what {@code @ExtendWith} gives. */
    public EmbeddedKafkaExtension() {
        this(EmbeddedKafkaCluster::builder);
    }

    private EmbeddedKafkaExtension(Supplier<EmbeddedKafkaCluster.Builder> builder) {
        this.builder = builder;
    }

    public static EmbeddedKafkaExtension singleNode() {
        return new EmbeddedKafkaExtension();
    }

    /** A cluster built from the given builder, e.g. {@code builder().brokers(3).forkedBrokers(true)}. */
    public static EmbeddedKafkaExtension of(Supplier<EmbeddedKafkaCluster.Builder> builder) {
        return new EmbeddedKafkaExtension(builder);
    }

    /** The running cluster; valid between the class's first and last test. */
    public EmbeddedKafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the embedded Kafka cluster is not running: it starts before the test "
                    + "class's first test; register the extension on a static field with @RegisterExtension");
        }
        return cluster;
    }

    /** Shortcut for {@code cluster().bootstrapServers()}. */
    public String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = builder.get().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster();
    }
}
