package dev.rill.streams.internal.topology;

import dev.rill.streams.TopologyDescription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the public {@link TopologyDescription} from the internal graph. */
public final class DescriptionBuilder {
    private DescriptionBuilder() {
    }

    public static TopologyDescription describe(InternalTopologyBuilder builder) {
        List<TopologyDescription.Subtopology> subs = new ArrayList<>();
        for (Subtopology s : builder.subtopologies()) {
            Map<String, NodeView> views = new HashMap<>();
            List<TopologyDescription.Node> ordered = new ArrayList<>();
            for (NodeSpec spec : s.nodes()) {
                NodeView v;
                if (spec instanceof SourceSpec src) {
                    v = new SourceView(src);
                } else if (spec instanceof SinkSpec sink) {
                    v = new SinkView(sink);
                } else {
                    v = new ProcessorView((ProcessorSpec) spec, builder.storesOf(spec.name()));
                }
                views.put(spec.name(), v);
                ordered.add(v);
            }
            for (NodeSpec spec : s.nodes()) {
                for (String parent : spec.parents()) {
                    views.get(spec.name()).predecessors.add(views.get(parent));
                    views.get(parent).successors.add(views.get(spec.name()));
                }
            }
            subs.add(new SubtopologyView(s.id(), ordered));
        }
        return new DescriptionView(subs);
    }

    private record DescriptionView(List<TopologyDescription.Subtopology> subtopologies) implements TopologyDescription {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Topologies:\n ");
            subtopologies.forEach(sb::append);
            return sb.toString();
        }
    }

    private record SubtopologyView(int id, List<TopologyDescription.Node> nodes) implements TopologyDescription.Subtopology {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("  Sub-topology: ").append(id).append('\n');
            nodes.forEach(sb::append);
            return sb.append('\n').toString();
        }
    }

    private abstract static class NodeView implements TopologyDescription.Node {
        final String name;
        final Set<TopologyDescription.Node> predecessors = new LinkedHashSet<>();
        final Set<TopologyDescription.Node> successors = new LinkedHashSet<>();

        NodeView(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<TopologyDescription.Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<TopologyDescription.Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        abstract String header();

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("    ").append(header()).append('\n');
            if (!(this instanceof SinkView)) {
                sb.append("      --> ").append(names(successors)).append('\n');
            }
            if (!predecessors.isEmpty()) {
                sb.append("      <-- ").append(names(predecessors)).append('\n');
            }
            return sb.toString();
        }

        private static String names(Set<TopologyDescription.Node> nodes) {
            if (nodes.isEmpty()) {
                return "none";
            }
            return nodes.stream().map(TopologyDescription.Node::name).collect(Collectors.toCollection(TreeSet::new))
                    .stream().collect(Collectors.joining(", "));
        }
    }

    private static final class SourceView extends NodeView implements TopologyDescription.Source {
        private final Set<String> topics;
        private final java.util.regex.Pattern pattern;

        SourceView(SourceSpec spec) {
            super(spec.name());
            this.pattern = spec.pattern();
            this.topics = pattern != null ? null
                    : spec.topics().stream().map(TopicRef::name).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public Set<String> topicSet() {
            return topics == null ? null : Collections.unmodifiableSet(topics);
        }

        @Override
        public java.util.regex.Pattern topicPattern() {
            return pattern;
        }

        @Override
        String header() {
            // as Kafka Streams prints it: the pattern as written, or the topic list in brackets
            String read = pattern != null ? pattern.pattern()
                    : topics.stream().collect(Collectors.joining(", ", "[", "]"));
            return "Source: " + name + " (topics: " + read + ")";
        }
    }

    private static final class ProcessorView extends NodeView implements TopologyDescription.Processor {
        private final Set<String> stores;

        ProcessorView(ProcessorSpec spec, Set<String> stores) {
            super(spec.name());
            this.stores = new LinkedHashSet<>(stores);
        }

        @Override
        public Set<String> stores() {
            return Collections.unmodifiableSet(stores);
        }

        @Override
        String header() {
            return "Processor: " + name + " (stores: " + stores.stream().collect(Collectors.joining(", ", "[", "]")) + ")";
        }
    }

    private static final class SinkView extends NodeView implements TopologyDescription.Sink {
        private final String topic;
        private final String extractor;

        SinkView(SinkSpec spec) {
            super(spec.name());
            this.topic = spec.topic() == null ? null : spec.topic().name();
            this.extractor = spec.topicExtractor() == null ? null : spec.topicExtractor().getClass().getName();
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        String header() {
            return topic != null ? "Sink: " + name + " (topic: " + topic + ")"
                    : "Sink: " + name + " (extractor class: " + extractor + ")";
        }
    }
}
