package dev.rill.connect.internal.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;

import dev.rill.connect.internal.config.ConnectorConfig;

/**
 * Creates the topics a source task writes to, from the connector's {@code topic.creation.*} groups (KIP-158):
 * the first group whose {@code include} matches and {@code exclude} does not decides partitions, replication
 * factor and topic configs; {@code default} matches every topic.
 */
public final class TopicCreator {
    private record Group(String name, List<Pattern> include, List<Pattern> exclude, int partitions, short rf,
                         Map<String, String> configs) {
        boolean matches(String topic) {
            return include.stream().anyMatch(p -> p.matcher(topic).matches())
                    && exclude.stream().noneMatch(p -> p.matcher(topic).matches());
        }
    }

    private final Admin admin;
    private final List<Group> groups;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private TopicCreator(Admin admin, List<Group> groups) {
        this.admin = admin;
        this.groups = groups;
    }

    /** Whether the connector config enables topic creation (the default group's two keys are set). */
    public static boolean enabled(ConnectorConfig config) {
        return config.props().containsKey("topic.creation.default.replication.factor")
                && config.props().containsKey("topic.creation.default.partitions");
    }

    public static TopicCreator create(Admin admin, ConnectorConfig config) {
        List<Group> groups = new ArrayList<>();
        for (String g : config.topicCreationGroups()) {
            groups.add(group(config, g, false));
        }
        groups.add(group(config, "default", true));
        return new TopicCreator(admin, groups);
    }

    private static Group group(ConnectorConfig config, String name, boolean isDefault) {
        Map<String, String> p = config.withPrefix("topic.creation." + name + ".");
        List<Pattern> include = isDefault ? List.of(Pattern.compile(".*")) : patterns(p.get("include"));
        List<Pattern> exclude = isDefault ? List.of() : patterns(p.get("exclude"));
        int partitions = number(p, "partitions", name, -1);
        short rf = (short) number(p, "replication.factor", name, -1);
        Map<String, String> configs = new HashMap<>(p);
        configs.keySet().removeAll(List.of("include", "exclude", "partitions", "replication.factor"));
        return new Group(name, include, exclude, partitions, rf, configs);
    }

    private static List<Pattern> patterns(String list) {
        List<Pattern> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(Pattern.compile(s.trim()));
                }
            }
        }
        return out;
    }

    private static int number(Map<String, String> p, String key, String group, int def) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConnectException("topic.creation." + group + "." + key + " must be a whole number (-1 for the "
                    + "broker default) but was '" + v + "'");
        }
    }

    /** Makes sure {@code topic} exists, creating it from the matching group the first time it is seen. */
    public void ensure(String topic) {
        if (known.contains(topic)) {
            return;
        }
        Group g = groups.stream().filter(x -> x.matches(topic)).findFirst().orElseThrow();
        NewTopic nt = new NewTopic(topic, g.partitions() < 0 ? Optional.empty() : Optional.of(g.partitions()),
                g.rf() < 0 ? Optional.empty() : Optional.of(g.rf())).configs(g.configs());
        try {
            admin.createTopics(List.of(nt)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Could not create topic '" + topic + "' from topic.creation group '"
                        + g.name() + "': " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new ConnectException("Timed out creating topic '" + topic + "'", e);
        }
        known.add(topic);
    }
}
