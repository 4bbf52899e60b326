package dev.rill.cli.tools;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code rill groups}: consumer groups, their lag, and moving their committed offsets. */
@Command(name = "groups",
        mixinStandardHelpOptions = true,
        description = "Lists and describes consumer groups (lag per partition) and resets their committed offsets.",
        subcommands = {GroupsCommand.ListGroups.class, GroupsCommand.Describe.class, GroupsCommand.ResetOffsets.class},
        footerHeading = "%nExamples:%n",
        footer = {"  rill groups list",
                "  rill groups describe payments-app",
                "  rill groups reset-offsets payments-app --topic payments --to-earliest            # dry run",
                "  rill groups reset-offsets payments-app --topic payments --to-earliest --execute  # apply"})
public final class GroupsCommand implements Runnable {

    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "rill groups needs a command: list, describe or reset-offsets");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the consumer groups with their protocol type and state.",
            footerHeading = "%nExamples:%n", footer = "  rill groups list")
    static final class ListGroups implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Admin admin = client.admin()) {
                Collection<GroupListing> groups = KafkaCalls.await(
                        admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), client, "list consumer groups");
                Table table = new Table("GROUP", "TYPE", "STATE");
                groups.stream().sorted(Comparator.comparing(GroupListing::groupId)).forEach(group -> table.row(
                        group.groupId(), group.type().map(Object::toString).orElse("-"),
                        group.groupState().map(Object::toString).orElse("-")));
                table.print(spec.commandLine().getOut());
            }
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = {"Shows a group's state and members, and for each partition it reads or has committed: "
                    + "the committed offset, the end offset, the lag between them and the member reading it."},
            footerHeading = "%nExamples:%n", footer = "  rill groups describe payments-app")
    static final class Describe implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "GROUP", arity = "1..*", description = "Consumer groups to describe.")
        List<String> groups;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = client.admin()) {
                Map<String, ConsumerGroupDescription> descriptions = KafkaCalls.await(
                        admin.describeConsumerGroups(groups).all(), client, "describe group " + groups.stream()
                                .map(group -> "'" + group + "'").collect(Collectors.joining(", ")));
                for (String group : groups) {
                    describe(admin, descriptions.get(group), out);
                }
            }
            out.flush();
            return 0;
        }

        private void describe(Admin admin, ConsumerGroupDescription group, PrintWriter out) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, client, group.groupId());
            Map<TopicPartition, MemberDescription> owners = new HashMap<>();
            group.members().forEach(member -> member.assignment().topicPartitions().forEach(p -> owners.put(p, member)));
            Set<TopicPartition> partitions = new LinkedHashSet<>(committed.keySet());
            partitions.addAll(owners.keySet());
            Map<TopicPartition, Long> ends = offsets(admin, client, partitions, OffsetSpec.latest());
            out.printf("Group %s: state %s, %d member%s, coordinator %s%n", group.groupId(), group.groupState(),
                    group.members().size(), group.members().size() == 1 ? "" : "s",
                    group.coordinator() == null ? "unknown" : group.coordinator().host() + ":" + group.coordinator().port());
            Table table = new Table("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID",
                    "HOST", "CLIENT-ID");
            long totalLag = 0;
            for (TopicPartition p : partitions.stream().sorted(BY_TOPIC_AND_PARTITION).collect(Collectors.toList())) {
                OffsetAndMetadata offset = committed.get(p);
                Long end = ends.get(p);
                Long lag = offset == null || end == null ? null : Math.max(0, end - offset.offset());
                totalLag += lag == null ? 0 : lag;
                MemberDescription owner = owners.get(p);
                table.row(p.topic(), p.partition(), offset == null ? null : offset.offset(), end, lag,
                        owner == null ? null : owner.consumerId(), owner == null ? null : owner.host(),
                        owner == null ? null : owner.clientId());
            }
            if (table.isEmpty()) {
                out.println("(no committed offsets and no assigned partitions)");
            } else {
                table.print(out);
                out.println("Total lag: " + totalLag);
            }
            out.println();
        }
    }

    @Command(name = "reset-offsets", mixinStandardHelpOptions = true,
            description = {"Moves a consumer group's committed offsets. Shows the plan and changes nothing unless "
                    + "--execute is given (--dry-run is the default).",
                    "The group must have no active members: stop its consumers first."},
            footerHeading = "%nExamples:%n",
            footer = {"  rill groups reset-offsets payments-app --topic payments --to-earliest",
                    "  rill groups reset-offsets payments-app --topic payments:0,1 --to-offset 1000 --execute",
                    "  rill groups reset-offsets payments-app --all-topics --to-datetime 2026-12-05T08:00:00Z --execute",
                    "  rill groups reset-offsets payments-app --topic payments --shift-by -100 --execute"})
    static final class ResetOffsets implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The consumer group.")
        String group;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Mode mode = new Mode();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        static final class Scope {
            @Option(names = "--topic", paramLabel = "TOPIC[:P,P…]", required = true,
                    description = "A topic, or some of its partitions as topic:0,2; repeatable.")
            List<String> topics;

            @Option(names = "--all-topics", required = true, description = "Every topic the group has committed offsets for.")
            boolean allTopics;
        }

        static final class Target {
            @Option(names = "--to-earliest", required = true, description = "To the first offset still in each partition.")
            boolean earliest;

            @Option(names = "--to-latest", required = true, description = "To the end of each partition (skip everything).")
            boolean latest;

            @Option(names = "--to-offset", paramLabel = "OFFSET", required = true,
                    description = "To this offset, kept within each partition's start and end.")
            Long offset;

            @Option(names = {"--to-datetime", "--to-timestamp"}, paramLabel = "TIME", required = true,
                    description = "To the first record at or after TIME (epoch ms or ISO-8601; the end if none).")
            String time;

            @Option(names = "--shift-by", paramLabel = "N", required = true,
                    description = "By N from the committed offset (negative = back), kept within start and end.")
            Long shift;
        }

        static final class Mode {
            @Option(names = "--dry-run", description = "Only show the new offsets (the default).")
            boolean dryRun;

            @Option(names = "--execute", description = "Commit the new offsets.")
            boolean execute;
        }

        @Override
        public Integer call() {
            long time = 0;
            if (target.time != null) {
                try {
                    time = Text.epochMillis(target.time, "--to-datetime");
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = client.admin()) {
                ConsumerGroupDescription description = KafkaCalls.await(admin.describeConsumerGroups(List.of(group))
                        .all(), client, "describe group '" + group + "'").get(group);
                boolean active = !description.members().isEmpty();
                if (active && mode.execute) {
                    throw new ToolException("group '" + group + "' has " + description.members().size()
                            + " active member(s) (state " + description.groupState() + "): offsets can only be reset "
                            + "while the group is inactive; stop its consumers and run this again");
                }
                Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, client, group);
                List<TopicPartition> partitions = partitions(admin, committed);
                Map<TopicPartition, Long> newOffsets = newOffsets(admin, partitions, committed, time);
                Table table = new Table("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET");
                newOffsets.forEach((p, offset) -> table.row(group, p.topic(), p.partition(),
                        committed.containsKey(p) ? committed.get(p).offset() : null, offset));
                table.print(out);
                if (mode.execute) {
                    KafkaCalls.await(admin.alterConsumerGroupOffsets(group, newOffsets.entrySet().stream().collect(
                                    Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all(),
                            client, "commit the new offsets of group '" + group + "'");
                    out.println("Reset the offsets of group " + group + " for " + newOffsets.size() + " partition"
                            + (newOffsets.size() == 1 ? "" : "s") + ".");
                } else {
                    out.println("Dry run: nothing changed. Run again with --execute to commit these offsets."
                            + (active ? " (The group has active members now: stop them first.)" : ""));
                }
            }
            out.flush();
            return 0;
        }

        private List<TopicPartition> partitions(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed) {
            if (scope.allTopics) {
                if (committed.isEmpty()) {
                    throw new ToolException("group '" + group + "' has no committed offsets, so --all-topics names "
                            + "no partition: name the topics with --topic");
                }
                return committed.keySet().stream().sorted(BY_TOPIC_AND_PARTITION).collect(Collectors.toList());
            }
            Map<String, List<Integer>> requested = new TreeMap<>();
            for (String spec : scope.topics) {
                int colon = spec.lastIndexOf(':');
                String topic = colon < 0 ? spec : spec.substring(0, colon);
                List<Integer> chosen = new ArrayList<>();
                if (colon >= 0) {
                    for (String number : spec.substring(colon + 1).split(",")) {
                        try {
                            chosen.add(Integer.parseInt(number.strip()));
                        } catch (NumberFormatException e) {
                            throw new CommandLine.ParameterException(this.spec.commandLine(), "--topic " + spec
                                    + ": expected TOPIC or TOPIC:P,P… with partition numbers, found '" + number + "'");
                        }
                    }
                }
                requested.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(chosen);
            }
            Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = KafkaCalls.await(
                    admin.describeTopics(requested.keySet()).allTopicNames(), client,
                    "describe topics " + String.join(", ", requested.keySet()));
            List<TopicPartition> result = new ArrayList<>();
            requested.forEach((topic, chosen) -> {
                List<Integer> existing = topics.get(topic).partitions().stream()
                        .map(TopicPartitionInfo::partition).sorted().collect(Collectors.toList());
                for (int p : chosen.isEmpty() ? existing : chosen) {
                    if (!existing.contains(p)) {
                        throw new ToolException("topic '" + topic + "' has no partition " + p + ": expected one of "
                                + existing);
                    }
                    result.add(new TopicPartition(topic, p));
                }
            });
            return result;
        }

        private Map<TopicPartition, Long> newOffsets(Admin admin, List<TopicPartition> partitions,
                                                     Map<TopicPartition, OffsetAndMetadata> committed, long time) {
            Map<TopicPartition, Long> starts = offsets(admin, client, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = offsets(admin, client, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> atTime = target.time == null ? Map.of()
                    : offsets(admin, client, partitions, OffsetSpec.forTimestamp(time));
            Map<TopicPartition, Long> result = new TreeMap<>(BY_TOPIC_AND_PARTITION);
            for (TopicPartition p : partitions) {
                long start = starts.get(p);
                long end = ends.get(p);
                long wanted;
                if (target.earliest) {
                    wanted = start;
                } else if (target.latest) {
                    wanted = end;
                } else if (target.offset != null) {
                    wanted = target.offset;
                } else if (target.time != null) {
                    Long found = atTime.get(p);
                    wanted = found == null || found < 0 ? end : found;
                } else {
                    if (!committed.containsKey(p)) {
                        throw new ToolException("group '" + group + "' has no committed offset for " + p
                                + " to shift from: use --to-earliest, --to-latest or --to-offset for it");
                    }
                    wanted = committed.get(p).offset() + target.shift;
                }
                result.put(p, Math.max(start, Math.min(end, wanted)));
            }
            return result;
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, ClientOptions client, String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = KafkaCalls.await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), client,
                "read the committed offsets of group '" + group + "'");
        Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
        offsets.forEach((p, offset) -> {
            if (offset != null) {
                present.put(p, offset);
            }
        });
        return present;
    }

    static Map<TopicPartition, Long> offsets(Admin admin, ClientOptions client, Collection<TopicPartition> partitions,
                                             OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResultInfo> found = KafkaCalls.await(admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all(), client,
                "list offsets");
        Map<TopicPartition, Long> result = new HashMap<>();
        found.forEach((p, info) -> result.put(p, info.offset()));
        return result;
    }
}
