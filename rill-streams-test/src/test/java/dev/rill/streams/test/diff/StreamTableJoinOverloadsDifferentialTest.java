package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.errors.TopologyException;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stream-table joins with a {@code ValueJoinerWithKey} and a {@code Joined} (its serdes and name drive the
 * repartition topic and the processor's name), global-table joins with {@code Named}, and {@code toTable(Named)}:
 * Rill and Apache Kafka Streams 4.3.1, same records and same names in {@code describe()}.
 */
class StreamTableJoinOverloadsDifferentialTest {

    private static Differential input(Differential d, boolean caching) {
        return d.caching(caching)
                .input("prices", "a", "1", 1)
                .input("prices", "b", "2", 2)
                .input("globals", "a", "ga", 3)
                .input("orders", "x1", "a", 10, "h", "v")
                .input("orders", "x2", "b", 11)
                .input("orders", "x3", "c", 9)
                .input("orders", null, "a", 12)
                .input("orders", "x4", "", 13)
                .input("prices", "a", null, 14)
                .input("orders", "x5", "a", 15)
                .input("globals", "b", "gb", 17)
                .input("orders", "x7", "b", 18);
    }

    @ParameterizedTest(name = "caching {0}")
    @ValueSource(booleans = {false, true})
    void keyAwareJoinersWithJoinedAfterAKeyChangeMatch(boolean caching) {
        input(Differential.dsl(
                b -> {
                    var prices = b.<String, String>table("prices");
                    // re-keyed by the product in the value: the joins repartition, named after Joined
                    var orders = b.<String, String>stream("orders");
                    var byProduct = orders
                            .selectKey((k, v) -> v == null || v.isEmpty() ? null : v);
                    byProduct.join(prices, (k, v, p) -> k + ":" + v + "=" + p,
                                    dev.rill.streams.kstream.Joined.<String, String, String>keySerde(Serdes.String())
                                            .withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String())
                                            .withName("priced"))
                            .to("inner");
                    byProduct.leftJoin(prices, (k, v, p) -> k + ":" + v + "=" + p,
                                    dev.rill.streams.kstream.Joined.with(Serdes.String(), Serdes.String(),
                                            Serdes.String(), "maybe-priced"))
                            .to("left");
                    // no Joined: the topic is named after the stream's node
                    byProduct.mapValues(v -> v + "!").leftJoin(prices, (k, v, p) -> k + "/" + v + "/" + p).to("left2");
                    orders.join(prices, (k, v, p) -> k + v + p).to("nokeychange");
                    b.globalTable("globals");
                },
                b -> {
                    var prices = b.<String, String>table("prices");
                    var orders = b.<String, String>stream("orders");
                    var byProduct = orders
                            .selectKey((k, v) -> v == null || v.isEmpty() ? null : v);
                    byProduct.join(prices, (k, v, p) -> k + ":" + v + "=" + p,
                                    org.apache.kafka.streams.kstream.Joined.<String, String, String>keySerde(Serdes.String())
                                            .withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String())
                                            .withName("priced"))
                            .to("inner");
                    byProduct.leftJoin(prices, (k, v, p) -> k + ":" + v + "=" + p,
                                    org.apache.kafka.streams.kstream.Joined.with(Serdes.String(), Serdes.String(),
                                            Serdes.String(), "maybe-priced"))
                            .to("left");
                    byProduct.mapValues(v -> v + "!").leftJoin(prices, (k, v, p) -> k + "/" + v + "/" + p).to("left2");
                    orders.join(prices, (k, v, p) -> k + v + p).to("nokeychange");
                    b.globalTable("globals");
                }), caching).outputs("inner", "left", "left2", "nokeychange").assertSameOutput();
    }

    @ParameterizedTest(name = "caching {0}")
    @ValueSource(booleans = {false, true})
    void namedGlobalTableJoinsAndToTableMatch(boolean caching) {
        input(Differential.dsl(
                b -> {
                    b.<String, String>table("prices");
                    var g = b.<String, String>globalTable("globals");
                    var orders = b.<String, String>stream("orders");
                    orders.join(g, (k, v) -> v, (v, gv) -> v + "+" + gv, dev.rill.streams.kstream.Named.as("gj"))
                            .to("gj");
                    orders.join(g, (k, v) -> v, (k, v, gv) -> k + v + gv, dev.rill.streams.kstream.Named.as("gjk"))
                            .to("gjk");
                    orders.leftJoin(g, (k, v) -> v, (v, gv) -> v + "+" + gv, dev.rill.streams.kstream.Named.as("glj"))
                            .to("glj");
                    orders.leftJoin(g, (k, v) -> v, (k, v, gv) -> k + v + gv,
                            dev.rill.streams.kstream.Named.as("gljk")).to("gljk");
                    orders.toTable(dev.rill.streams.kstream.Named.as("orders-table")).toStream().to("table");
                    orders.mapValues(v -> v + "?").toTable(dev.rill.streams.kstream.Named.as("orders-table2"),
                            dev.rill.streams.kstream.Materialized.as("orders-store")).toStream().to("table2");
                },
                b -> {
                    b.<String, String>table("prices");
                    var g = b.<String, String>globalTable("globals");
                    var orders = b.<String, String>stream("orders");
                    orders.join(g, (k, v) -> v, (v, gv) -> v + "+" + gv, org.apache.kafka.streams.kstream.Named.as("gj"))
                            .to("gj");
                    orders.join(g, (k, v) -> v, (k, v, gv) -> k + v + gv, org.apache.kafka.streams.kstream.Named.as("gjk"))
                            .to("gjk");
                    orders.leftJoin(g, (k, v) -> v, (v, gv) -> v + "+" + gv, org.apache.kafka.streams.kstream.Named.as("glj"))
                            .to("glj");
                    orders.leftJoin(g, (k, v) -> v, (k, v, gv) -> k + v + gv,
                            org.apache.kafka.streams.kstream.Named.as("gljk")).to("gljk");
                    orders.toTable(org.apache.kafka.streams.kstream.Named.as("orders-table")).toStream().to("table");
                    orders.mapValues(v -> v + "?").toTable(org.apache.kafka.streams.kstream.Named.as("orders-table2"),
                            org.apache.kafka.streams.kstream.Materialized.as("orders-store")).toStream().to("table2");
                }), caching).outputs("gj", "gjk", "glj", "gljk", "table", "table2").assertSameOutput();
    }

    @ParameterizedTest(name = "caching {0}")
    @ValueSource(booleans = {false, true})
    void twoJoinsOfOneReKeyedStreamShareItsRepartitionTopic(boolean caching) {
        input(Differential.dsl(
                b -> {
                    var prices = b.<String, String>table("prices");
                    var s = b.<String, String>stream("orders").selectKey((k, v) -> v == null || v.isEmpty() ? null : v);
                    s.join(prices, (v, p) -> v + "=" + p).to("inner");
                    s.leftJoin(prices, (k, v, p) -> k + ":" + v + "=" + p).to("left");
                    b.globalTable("globals");
                },
                b -> {
                    var prices = b.<String, String>table("prices");
                    var s = b.<String, String>stream("orders").selectKey((k, v) -> v == null || v.isEmpty() ? null : v);
                    s.join(prices, (v, p) -> v + "=" + p).to("inner");
                    s.leftJoin(prices, (k, v, p) -> k + ":" + v + "=" + p).to("left");
                    b.globalTable("globals");
                }), caching).outputs("inner", "left").assertSameOutput();
    }

    @Test
    void aGracePeriodIsRefusedBecauseVersionedStoresAreNotSupported() {
        dev.rill.streams.StreamsBuilder b = new dev.rill.streams.StreamsBuilder();
        var prices = b.<String, String>table("prices");
        var orders = b.<String, String>stream("orders");
        assertThatThrownBy(() -> orders.join(prices, (v, p) -> v + p,
                dev.rill.streams.kstream.Joined.<String, String, String>as("graced").withGracePeriod(Duration.ofSeconds(5))))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("graced").hasMessageContaining("grace period").hasMessageContaining("versioned");
        assertThatThrownBy(() -> orders.leftJoin(prices, (k, v, p) -> v + p, dev.rill.streams.kstream.Joined.with(
                Serdes.String(), Serdes.String(), Serdes.String(), null, Duration.ofMillis(1))))
                .isInstanceOf(TopologyException.class).hasMessageContaining("versioned");
        // a zero grace period is what a non-versioned table has: accepted
        assertThat(orders.join(prices, (v, p) -> v + p,
                dev.rill.streams.kstream.Joined.<String, String, String>as("zero").withGracePeriod(Duration.ZERO)))
                .isNotNull();
    }
}
