package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class TopologyTest {
    static final class Noop implements Processor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    @Test
    void describePrintsSubtopologiesLikeKafkaStreams() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("payment").filter((k, v) -> k.equals("unknown")).to("unknown-payment");
        assertThat(b.build().describe().toString()).isEqualTo("""
                Topologies:
                   Sub-topology: 0
                    Source: KSTREAM-SOURCE-0000000000 (topics: [payment])
                      --> KSTREAM-FILTER-0000000001
                    Processor: KSTREAM-FILTER-0000000001 (stores: [])
                      --> KSTREAM-SINK-0000000002
                      <-- KSTREAM-SOURCE-0000000000
                    Sink: KSTREAM-SINK-0000000002 (topic: unknown-payment)
                      <-- KSTREAM-FILTER-0000000001

                """);
    }

    @Test
    void repartitionSplitsTheTopologyIntoSubtopologies() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").selectKey((k, v) -> v).repartition(Repartitioned.as("by-v")).to("out");
        TopologyDescription d = b.build().describe();
        assertThat(d.subtopologies()).hasSize(2);
        assertThat(d.subtopologies().get(1).nodes().get(0)).isInstanceOfSatisfying(TopologyDescription.Source.class,
                s -> assertThat(s.topicSet()).containsExactly("by-v-repartition"));
    }

    @Test
    void invalidGraphsAreRejectedWithAdvice() {
        Topology t = new Topology().addSource("src", "in");
        assertThatThrownBy(() -> t.addSource("src", "other")).isInstanceOf(TopologyException.class)
                .hasMessageContaining("a node named src already exists");
        assertThatThrownBy(() -> t.addSource("src2", "in")).hasMessageContaining("already read by source src");
        assertThatThrownBy(() -> t.addProcessor("p", Noop::new, "missing"))
                .hasMessageContaining("names parent missing which does not exist");
        t.addSink("sink", "out", "src");
        assertThatThrownBy(() -> t.addProcessor("p", Noop::new, "sink")).hasMessageContaining("a sink has no children");
        assertThatThrownBy(() -> t.addProcessor("p", Noop::new)).hasMessageContaining("has no parent");
    }

    @Test
    void unknownStateStoreNamesAreRejected() {
        StreamsBuilder b = new StreamsBuilder();
        assertThatThrownBy(() -> b.stream("in").process(Noop::new, "store"))
                .isInstanceOf(TopologyException.class).hasMessageContaining("names state store store which does not exist");
    }

    @Test
    void namesMustBeValid() {
        assertThatThrownBy(() -> Named.as("bad name")).hasMessageContaining("'bad name' is not valid");
    }
}
