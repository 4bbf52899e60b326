package dev.rill.cli.tools;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The connection options every Kafka tool takes ({@code --bootstrap-server}, {@code --command-config},
 * {@code --timeout}), and the one place that turns them into client configs with bounded timeouts.
 */
public final class ClientOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE}).")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = {"A properties file of client settings for the Kafka clients,",
                    "e.g. security.protocol, sasl.mechanism, sasl.jaas.config."})
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to wait for Kafka's answers (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** How long a call to Kafka may take. */
    Duration timeout() {
        if (timeoutSeconds < 1) {
            throw new ParameterException(command.commandLine(), "--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    String bootstrapServer() {
        return bootstrapServer;
    }

    /** The common client config: the command-config file's properties, then the bootstrap servers. */
    Map<String, Object> baseConfig() {
        Map<String, Object> config = new HashMap<>();
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ToolException("cannot read --command-config " + commandConfig.toAbsolutePath()
                        + " (" + e + "): expected a readable file of client properties; check the path");
            }
            properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "rill-cli");
        return config;
    }

    /** An admin client whose calls give up after {@link #timeout()}. */
    public Admin admin() {
        Map<String, Object> config = baseConfig();
        int millis = (int) timeout().toMillis();
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return create(() -> Admin.create(config));
    }

    /** A byte-array producer that waits at most {@link #timeout()} for metadata. */
    KafkaProducer<byte[], byte[]> producer(Map<String, Object> overrides) {
        Map<String, Object> config = baseConfig();
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout().toMillis());
        config.putAll(overrides);
        return create(() -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** A byte-array consumer whose blocking calls give up after {@link #timeout()}. */
    KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        Map<String, Object> config = baseConfig();
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout().toMillis());
        config.putAll(overrides);
        return create(() -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    private <T> T create(java.util.function.Supplier<T> client) {
        try {
            return client.get();
        } catch (KafkaException e) {
            throw new ToolException("cannot create a Kafka client for --bootstrap-server " + bootstrapServer + ": "
                    + KafkaCalls.rootMessage(e) + "; check --bootstrap-server"
                    + (commandConfig == null ? "" : " and the properties in " + commandConfig));
        }
    }
}
