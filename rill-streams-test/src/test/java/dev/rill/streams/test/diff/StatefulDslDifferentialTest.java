package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Aggregations and joins written once per API, run through Apache Kafka Streams 4.3.1's driver and Rill's over the
 * same input: the final value per key of every output must be equal.
 */
class StatefulDslDifferentialTest {

    private static Differential words(Differential d) {
        String[][] in = {{"a", "1"}, {"b", "2"}, {"a", "3"}, {"c", "4"}, {"b", "5"}, {"a", "6"}, {null, "7"},
                {"c", null}, {"d", "8"}, {"a", "9"}};
        long ts = 10;
        for (String[] r : in) {
            d.input("in", r[0], r[1], ts += 10);
        }
        return d;
    }

    @Test
    void groupByKeyCountGivesTheSameCounts() {
        Map<String, Map<String, String>> out = words(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey().count().toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>stream("in").groupByKey().count().toStream().mapValues(String::valueOf).to("out")))
                .outputs("out").assertSameFinalValues();
        assertThat(out.get("out")).containsEntry("a", "4").containsEntry("c", "1");
    }

    @Test
    void namedCountWithCachingDisabledGivesTheSameCounts() {
        words(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey()
                        .count(dev.rill.streams.kstream.Materialized.<String, Long, dev.rill.streams.processor.StateStore>as("counts")
                                .withCachingDisabled())
                        .toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>stream("in").groupByKey()
                        .count(org.apache.kafka.streams.kstream.Materialized.<String, Long, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("counts")
                                .withCachingDisabled())
                        .toStream().mapValues(String::valueOf).to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void reduceGivesTheSameValues() {
        words(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey().reduce((x, y) -> x + "+" + y).toStream().to("out"),
                b -> b.<String, String>stream("in").groupByKey().reduce((x, y) -> x + "+" + y).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void aggregateGivesTheSameValues() {
        words(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey()
                        .aggregate(() -> "", (k, v, agg) -> agg + v).toStream().to("out"),
                b -> b.<String, String>stream("in").groupByKey()
                        .aggregate(() -> "", (k, v, agg) -> agg + v).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void groupByNewKeyRepartitionsAndCounts() {
        words(Differential.dsl(
                b -> b.<String, String>stream("in").groupBy((k, v) -> v == null ? null : String.valueOf(Integer.parseInt(v) % 3))
                        .count().toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>stream("in").groupBy((k, v) -> v == null ? null : String.valueOf(Integer.parseInt(v) % 3))
                        .count().toStream().mapValues(String::valueOf).to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void tableFilterAndMapValuesGiveTheSameTable() {
        words(Differential.dsl(
                b -> b.<String, String>table("in").filter((k, v) -> Integer.parseInt(v) % 2 == 1)
                        .mapValues(v -> "v" + v).toStream().to("out"),
                b -> b.<String, String>table("in").filter((k, v) -> Integer.parseInt(v) % 2 == 1)
                        .mapValues(v -> "v" + v).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void tableGroupByWithAdderAndSubtractorGivesTheSameSums() {
        words(Differential.dsl(
                b -> b.<String, String>table("in")
                        .groupBy((k, v) -> dev.rill.streams.KeyValue.pair(Integer.parseInt(v) % 2 == 0 ? "even" : "odd", v))
                        .aggregate(() -> "0", (k, v, agg) -> String.valueOf(Integer.parseInt(agg) + Integer.parseInt(v)),
                                (k, v, agg) -> String.valueOf(Integer.parseInt(agg) - Integer.parseInt(v)))
                        .toStream().to("out"),
                b -> b.<String, String>table("in")
                        .groupBy((k, v) -> org.apache.kafka.streams.KeyValue.pair(Integer.parseInt(v) % 2 == 0 ? "even" : "odd", v))
                        .aggregate(() -> "0", (k, v, agg) -> String.valueOf(Integer.parseInt(agg) + Integer.parseInt(v)),
                                (k, v, agg) -> String.valueOf(Integer.parseInt(agg) - Integer.parseInt(v)))
                        .toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void tableGroupByCountGivesTheSameCounts() {
        words(Differential.dsl(
                b -> b.<String, String>table("in")
                        .groupBy((k, v) -> dev.rill.streams.KeyValue.pair(v.length() > 0 ? "n" + (Integer.parseInt(v) % 3) : "x", v))
                        .count().toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>table("in")
                        .groupBy((k, v) -> org.apache.kafka.streams.KeyValue.pair(v.length() > 0 ? "n" + (Integer.parseInt(v) % 3) : "x", v))
                        .count().toStream().mapValues(String::valueOf).to("out")))
                .outputs("out").assertSameFinalValues();
    }

    private static Differential joinInput(Differential d) {
        return d.input("left", "a", "L1", 10).input("right", "a", "R1", 20).input("left", "b", "L2", 30)
                .input("right", "c", "R2", 40).input("left", "a", "L3", 50).input("right", "b", "R3", 60)
                .input("right", "a", null, 70).input("left", "c", "L4", 80).input("left", "d", "L5", 90);
    }

    @Test
    void streamTableInnerJoinGivesTheSameResults() {
        joinInput(Differential.dsl(
                b -> b.<String, String>stream("left").join(b.<String, String>table("right"), (l, r) -> l + "/" + r).to("out"),
                b -> b.<String, String>stream("left").join(b.<String, String>table("right"), (l, r) -> l + "/" + r).to("out")))
                .outputs("out").assertSameOutput();
    }

    @Test
    void streamTableLeftJoinGivesTheSameResults() {
        joinInput(Differential.dsl(
                b -> b.<String, String>stream("left").leftJoin(b.<String, String>table("right"), (l, r) -> l + "/" + r).to("out"),
                b -> b.<String, String>stream("left").leftJoin(b.<String, String>table("right"), (l, r) -> l + "/" + r).to("out")))
                .outputs("out").assertSameOutput();
    }

    @Test
    void tableTableInnerJoinGivesTheSameTable() {
        joinInput(Differential.dsl(
                b -> b.<String, String>table("left").join(b.<String, String>table("right"), (l, r) -> l + "/" + r).toStream().to("out"),
                b -> b.<String, String>table("left").join(b.<String, String>table("right"), (l, r) -> l + "/" + r).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void tableTableLeftJoinGivesTheSameTable() {
        joinInput(Differential.dsl(
                b -> b.<String, String>table("left").leftJoin(b.<String, String>table("right"), (l, r) -> l + "/" + r).toStream().to("out"),
                b -> b.<String, String>table("left").leftJoin(b.<String, String>table("right"), (l, r) -> l + "/" + r).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void tableTableOuterJoinGivesTheSameTable() {
        joinInput(Differential.dsl(
                b -> b.<String, String>table("left").outerJoin(b.<String, String>table("right"), (l, r) -> l + "/" + r).toStream().to("out"),
                b -> b.<String, String>table("left").outerJoin(b.<String, String>table("right"), (l, r) -> l + "/" + r).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void countOverFourPartitionsMatchesTheSinglePartitionReference() {
        // Rill's driver is multi-partition; the same final counts must come out
        Map<String, Map<String, String>> out = words(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey(dev.rill.streams.kstream.Grouped.with(Serdes.String(), Serdes.String()))
                        .count().toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>stream("in").groupByKey(org.apache.kafka.streams.kstream.Grouped.with(Serdes.String(), Serdes.String()))
                        .count().toStream().mapValues(String::valueOf).to("out")))
                .outputs("out").assertSameFinalValues();
        assertThat(out.get("out")).hasSize(4);
    }

    private static Differential globalInput(Differential d) {
        return d.input("products", "p1", "apple", 1).input("products", "p2", "pear", 2)
                .input("orders", "o1", "p1", 10).input("orders", "o2", "p3", 20).input("orders", "o3", "p2", 30)
                .input("products", "p3", "plum", 35).input("orders", "o4", "p3", 40)
                .input("products", "p1", null, 45).input("orders", "o5", "p1", 50);
    }

    @Test
    void streamGlobalTableInnerJoinGivesTheSameResults() {
        globalInput(Differential.dsl(
                b -> b.<String, String>stream("orders").join(b.<String, String>globalTable("products"),
                        (k, v) -> v, (order, product) -> order + "=" + product).to("out"),
                b -> b.<String, String>stream("orders").join(b.<String, String>globalTable("products"),
                        (k, v) -> v, (order, product) -> order + "=" + product).to("out")))
                .outputs("out").assertSameOutput();
    }

    @Test
    void streamGlobalTableLeftJoinWithKeyGivesTheSameResults() {
        globalInput(Differential.dsl(
                b -> b.<String, String>stream("orders").leftJoin(b.<String, String>globalTable("products"),
                        (k, v) -> v, (k, order, product) -> k + ":" + order + "=" + product).to("out"),
                b -> b.<String, String>stream("orders").leftJoin(b.<String, String>globalTable("products"),
                        (k, v) -> v, (k, order, product) -> k + ":" + order + "=" + product).to("out")))
                .outputs("out").assertSameOutput();
    }

    @Test
    void cogroupOfTwoStreamsGivesTheSameAggregates() {
        Differential d = Differential.dsl(
                b -> {
                    var adds = b.<String, String>stream("adds").groupByKey();
                    var subs = b.<String, String>stream("subs").groupByKey();
                    adds.<String>cogroup((k, v, agg) -> String.valueOf(Integer.parseInt(agg) + Integer.parseInt(v)))
                            .cogroup(subs, (k, v, agg) -> String.valueOf(Integer.parseInt(agg) - Integer.parseInt(v)))
                            .aggregate(() -> "0").toStream().to("out");
                },
                b -> {
                    var adds = b.<String, String>stream("adds").groupByKey();
                    var subs = b.<String, String>stream("subs").groupByKey();
                    adds.<String>cogroup((k, v, agg) -> String.valueOf(Integer.parseInt(agg) + Integer.parseInt(v)))
                            .cogroup(subs, (k, v, agg) -> String.valueOf(Integer.parseInt(agg) - Integer.parseInt(v)))
                            .aggregate(() -> "0").toStream().to("out");
                });
        d.input("adds", "a", "10", 1).input("subs", "a", "3", 2).input("adds", "b", "5", 3).input("subs", "c", "1", 4)
                .input("adds", "a", "7", 5).input("subs", "b", "5", 6);
        Map<String, Map<String, String>> out = d.outputs("out").assertSameFinalValues();
        assertThat(out.get("out")).containsEntry("a", "14").containsEntry("b", "0").containsEntry("c", "-1");
    }

    private static Differential fkInput(Differential d) {
        // orders: orderId -> "customerId|amount"; customers: customerId -> name
        return d.input("customers", "c1", "ann", 1).input("orders", "o1", "c1|10", 2).input("orders", "o2", "c2|20", 3)
                .input("customers", "c2", "bob", 4).input("orders", "o3", "c1|30", 5).input("customers", "c1", "anna", 6)
                .input("orders", "o1", "c2|11", 7).input("customers", "c2", null, 8).input("orders", "o3", null, 9)
                .input("orders", "o4", "c3|40", 10).input("customers", "c3", "cid", 11);
    }

    @Test
    void foreignKeyInnerJoinGivesTheSameTable() {
        fkInput(Differential.dsl(
                b -> b.<String, String>table("orders").join(b.<String, String>table("customers"),
                        v -> v.split("\\|")[0], (order, name) -> order + "@" + name).toStream().to("out"),
                b -> b.<String, String>table("orders").join(b.<String, String>table("customers"),
                        v -> v.split("\\|")[0], (order, name) -> order + "@" + name).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }

    @Test
    void foreignKeyLeftJoinGivesTheSameTable() {
        fkInput(Differential.dsl(
                b -> b.<String, String>table("orders").leftJoin(b.<String, String>table("customers"),
                        v -> v.split("\\|")[0], (order, name) -> order + "@" + name).toStream().to("out"),
                b -> b.<String, String>table("orders").leftJoin(b.<String, String>table("customers"),
                        v -> v.split("\\|")[0], (order, name) -> order + "@" + name).toStream().to("out")))
                .outputs("out").assertSameFinalValues();
    }
}
