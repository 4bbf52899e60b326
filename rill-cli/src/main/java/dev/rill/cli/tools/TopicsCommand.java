package dev.rill.cli.tools;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** {@code rill topics}: list, describe, create, delete and reconfigure topics. */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = "Lists, describes, creates, deletes and reconfigures topics.",
        subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.Describe.class, TopicsCommand.Create.class,
                TopicsCommand.Delete.class, TopicsCommand.AlterConfig.class},
        footerHeading = "%nExamples:%n",
        footer = {"  rill topics create payments --partitions 6 --config retention.ms=86400000",
                "  rill topics describe payments",
                "  rill topics list --bootstrap-server kafka-1:9092 --command-config client.properties"})
public final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "rill topics needs a command: list, describe, create, delete or alter-config");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Prints the names of the topics, one a line, sorted.",
            footerHeading = "%nExamples:%n",
            footer = {"  rill topics list", "  rill topics list --internal"})
    static final class ListTopics implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--internal", description = "Include internal topics such as __consumer_offsets.")
        boolean internal;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Admin admin = client.admin()) {
                Collection<String> names = KafkaCalls.await(
                        admin.listTopics(new ListTopicsOptions().listInternal(internal)).names(), client, "list topics");
                PrintWriter out = spec.commandLine().getOut();
                new TreeSet<>(names).forEach(out::println);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = {"Shows each topic's partitions (leader, replicas, in-sync replicas, start and end offsets) "
                    + "and the configs set on it.",
                    "Without a topic name, describes every topic."},
            footerHeading = "%nExamples:%n",
            footer = {"  rill topics describe payments", "  rill topics describe payments --all-configs"})
    static final class Describe implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "TOPIC", arity = "0..*", description = "Topics to describe (default: all).")
        List<String> topics = new ArrayList<>();

        @Option(names = "--all-configs", description = "Show every config, defaults included, not only those set on the topic.")
        boolean allConfigs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = client.admin()) {
                List<String> names = topics.isEmpty()
                        ? new ArrayList<>(new TreeSet<>(KafkaCalls.await(admin.listTopics().names(), client, "list topics")))
                        : topics;
                Map<String, TopicDescription> descriptions = KafkaCalls.await(
                        admin.describeTopics(names).allTopicNames(), client, "describe " + String.join(", ", names));
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                descriptions.values().forEach(topic -> topic.partitions().forEach(p -> {
                    earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                }));
                Map<TopicPartition, ListOffsetsResultInfo> starts =
                        KafkaCalls.await(admin.listOffsets(earliest).all(), client, "list start offsets");
                Map<TopicPartition, ListOffsetsResultInfo> ends =
                        KafkaCalls.await(admin.listOffsets(latest).all(), client, "list end offsets");
                List<ConfigResource> resources = names.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toList());
                Map<ConfigResource, Config> configs =
                        KafkaCalls.await(admin.describeConfigs(resources).all(), client, "describe topic configs");
                for (String name : names) {
                    TopicDescription topic = descriptions.get(name);
                    printTopic(out, topic, configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)), starts, ends);
                }
            }
            out.flush();
            return 0;
        }

        private void printTopic(PrintWriter out, TopicDescription topic, Config config,
                                Map<TopicPartition, ListOffsetsResultInfo> starts,
                                Map<TopicPartition, ListOffsetsResultInfo> ends) {
            int replication = topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size();
            out.printf("Topic: %s  partitions: %d  replication factor: %d  id: %s%s%n", topic.name(),
                    topic.partitions().size(), replication, topic.topicId(), topic.isInternal() ? "  (internal)" : "");
            List<String> shown = config.entries().stream()
                    .filter(entry -> allConfigs || entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .map(entry -> entry.name() + "=" + (entry.isSensitive() ? "(hidden)" : entry.value()))
                    .sorted().collect(Collectors.toList());
            out.println("Configs: " + (shown.isEmpty() ? "(none set on the topic)" : String.join(", ", shown)));
            Table table = new Table("PARTITION", "LEADER", "REPLICAS", "ISR", "START-OFFSET", "END-OFFSET");
            for (TopicPartitionInfo partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
                table.row(partition.partition(), partition.leader() == null || partition.leader().isEmpty()
                                ? "none" : partition.leader().id(), ids(partition.replicas()), ids(partition.isr()),
                        starts.get(tp).offset(), ends.get(tp).offset());
            }
            table.print(out);
            out.println();
        }

        private static String ids(List<Node> nodes) {
            return nodes.stream().map(node -> Integer.toString(node.id())).collect(Collectors.joining(","));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a topic; partitions and replication factor default to the broker's "
                    + "num.partitions and default.replication.factor.",
            footerHeading = "%nExamples:%n",
            footer = {"  rill topics create payments --partitions 6",
                    "  rill topics create customers --replication-factor 3 --config cleanup.policy=compact"})
    static final class Create implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "TOPIC", description = "Name of the topic.")
        String topic;

        @Option(names = "--partitions", paramLabel = "N", description = {"Number of partitions", "(default: the broker's num.partitions)."})
        Integer partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = {"Copies of each partition", "(default: the broker's default.replication.factor)."})
        Short replicationFactor;

        @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic config, e.g. retention.ms=86400000; repeatable.")
        Map<String, String> configs = new LinkedHashMap<>();

        @Option(names = "--if-not-exists", description = "Succeed if the topic exists already (its settings are not checked).")
        boolean ifNotExists;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            if (partitions != null && partitions < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--partitions must be at least 1, was " + partitions);
            }
            if (replicationFactor != null && replicationFactor < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--replication-factor must be at least 1, was " + replicationFactor);
            }
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                    .configs(configs);
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = client.admin()) {
                admin.createTopics(List.of(newTopic)).all().get();
                out.println("Created topic " + topic + ".");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException && ifNotExists) {
                    out.println("Topic " + topic + " exists already.");
                } else {
                    throw KafkaCalls.translate(e.getCause(), client, "create topic '" + topic + "'");
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes topics and all their records.",
            footerHeading = "%nExamples:%n",
            footer = {"  rill topics delete payments", "  rill topics delete old-1 old-2 --if-exists"})
    static final class Delete implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "TOPIC", arity = "1..*", description = "Topics to delete.")
        List<String> topics;

        @Option(names = "--if-exists", description = "Succeed for topics that do not exist.")
        boolean ifExists;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = client.admin()) {
                for (String topic : topics) {
                    try {
                        admin.deleteTopics(List.of(topic)).all().get();
                        out.println("Deleted topic " + topic + ".");
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof UnknownTopicOrPartitionException && ifExists) {
                            out.println("Topic " + topic + " does not exist.");
                        } else {
                            throw KafkaCalls.translate(e.getCause(), client, "delete topic '" + topic + "'");
                        }
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "alter-config", mixinStandardHelpOptions = true,
            description = "Sets or removes configs of a topic; a removed config falls back to the broker's default.",
            footerHeading = "%nExamples:%n",
            footer = {"  rill topics alter-config payments --set retention.ms=3600000 --set max.message.bytes=2097152",
                    "  rill topics alter-config payments --delete retention.ms"})
    static final class AlterConfig implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to change.")
        String topic;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A config to set; repeatable.")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(names = "--delete", paramLabel = "KEY", description = "A config to remove; repeatable.")
        List<String> delete = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (set.isEmpty() && delete.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "nothing to change: expected at least one --set KEY=VALUE or --delete KEY");
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            set.forEach((key, value) -> ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
            delete.forEach(key -> ops.add(new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            try (Admin admin = client.admin()) {
                KafkaCalls.await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all(), client,
                        "change the configs of topic '" + topic + "'");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Updated the configs of topic " + topic + ": "
                    + ops.stream().map(op -> op.opType() == AlterConfigOp.OpType.SET
                            ? op.configEntry().name() + "=" + op.configEntry().value()
                            : op.configEntry().name() + " removed").collect(Collectors.joining(", ")) + ".");
            out.flush();
            return 0;
        }
    }
}
