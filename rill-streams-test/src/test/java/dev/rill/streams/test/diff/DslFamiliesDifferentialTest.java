package dev.rill.streams.test.diff;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every DSL operator family written once per API and run through Apache Kafka Streams 4.3.1's driver and Rill's over
 * generated input (null keys, tombstones, repeated keys, out-of-order timestamps, headers), with record caches off
 * and on; the outputs must be equal record by record: key, value, timestamp, headers, order.
 */
class DslFamiliesDifferentialTest {
    private static final String[] KEYS = {"k0", "k1", "k2", "k3", null};

    /** Seeded input on the given topics: a few keys (one null), about a fifth tombstones, timestamps out of order. */
    private static Differential generated(Differential d, long seed, String... topics) {
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            String topic = topics[random.nextInt(topics.length)];
            String key = KEYS[random.nextInt(KEYS.length)];
            String value = random.nextInt(5) == 0 ? null : String.valueOf(random.nextInt(10));
            long timestamp = 100 + random.nextInt(1000);
            String[] headers = random.nextBoolean() ? new String[] {"h", "r" + i} : new String[0];
            d.input(topic, key, value, timestamp, headers);
        }
        return d;
    }

    private static boolean even(String v) {
        return v != null && v.matches("[0-9]+") && Integer.parseInt(v) % 2 == 0;
    }

    private static String plus(String a, String b) {
        return String.valueOf(Integer.parseInt(a) + Integer.parseInt(b));
    }

    private static String minus(String a, String b) {
        return String.valueOf(Integer.parseInt(a) - Integer.parseInt(b));
    }

    private static String keyOf(String v) {
        return v == null ? null : "k" + Integer.parseInt(v) % 4;
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void statelessOperators(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in");
                    s.filter((k, v) -> even(v)).to("filter");
                    s.filterNot((k, v) -> even(v)).mapValues((k, v) -> k + "=" + v).to("mapvalues");
                    s.map((k, v) -> dev.rill.streams.KeyValue.pair(v, k)).to("map");
                    s.flatMap((k, v) -> List.of(dev.rill.streams.KeyValue.pair(k, v), dev.rill.streams.KeyValue.pair("x", v)))
                            .to("flatmap");
                    s.flatMapValues(v -> v == null ? List.of() : List.of(v, v + v)).selectKey((k, v) -> v)
                            .merge(s.peek((k, v) -> { })).to("merged");
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.filter((k, v) -> even(v)).to("filter");
                    s.filterNot((k, v) -> even(v)).mapValues((k, v) -> k + "=" + v).to("mapvalues");
                    s.map((k, v) -> org.apache.kafka.streams.KeyValue.pair(v, k)).to("map");
                    s.flatMap((k, v) -> List.of(org.apache.kafka.streams.KeyValue.pair(k, v), org.apache.kafka.streams.KeyValue.pair("x", v)))
                            .to("flatmap");
                    s.flatMapValues(v -> v == null ? List.<String>of() : List.of(v, v + v)).selectKey((k, v) -> v)
                            .merge(s.peek((k, v) -> { })).to("merged");
                }), seed, "in").caching(caching).outputs("filter", "mapvalues", "map", "flatmap", "merged")
                .assertSameRecords();
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void streamAggregations(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in");
                    s.groupByKey().count().toStream().mapValues(String::valueOf).to("count");
                    s.groupByKey().reduce(DslFamiliesDifferentialTest::plus).toStream().to("reduce");
                    s.groupBy((k, v) -> keyOf(v)).aggregate(() -> "", (k, v, agg) -> agg + v).toStream().to("aggregate");
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.groupByKey().count().toStream().mapValues(String::valueOf).to("count");
                    s.groupByKey().reduce(DslFamiliesDifferentialTest::plus).toStream().to("reduce");
                    s.groupBy((k, v) -> keyOf(v)).aggregate(() -> "", (k, v, agg) -> agg + v).toStream().to("aggregate");
                }), seed, "in").caching(caching).outputs("count", "reduce", "aggregate").assertSameRecords();
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void cogroupedAggregation(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> b.<String, String>stream("adds").groupByKey()
                        .<String>cogroup((k, v, agg) -> plus(agg, v))
                        .cogroup(b.<String, String>stream("subs").groupByKey(), (k, v, agg) -> minus(agg, v))
                        .aggregate(() -> "0").toStream().to("out"),
                b -> b.<String, String>stream("adds").groupByKey()
                        .<String>cogroup((k, v, agg) -> plus(agg, v))
                        .cogroup(b.<String, String>stream("subs").groupByKey(), (k, v, agg) -> minus(agg, v))
                        .aggregate(() -> "0").toStream().to("out")), seed, "adds", "subs")
                .caching(caching).outputs("out").assertSameRecords();
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void streamTableJoins(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> {
                    var t = b.<String, String>table("table");
                    var s = b.<String, String>stream("stream");
                    s.join(t, (v, tv) -> v + "/" + tv).to("inner");
                    s.leftJoin(t, (v, tv) -> v + "/" + tv).to("left");
                    s.selectKey((k, v) -> keyOf(v)).leftJoin(t, (v, tv) -> v + "/" + tv).to("rekeyed");
                },
                b -> {
                    var t = b.<String, String>table("table");
                    var s = b.<String, String>stream("stream");
                    s.join(t, (v, tv) -> v + "/" + tv).to("inner");
                    s.leftJoin(t, (v, tv) -> v + "/" + tv).to("left");
                    s.selectKey((k, v) -> keyOf(v)).leftJoin(t, (v, tv) -> v + "/" + tv).to("rekeyed");
                }), seed, "stream", "table").caching(caching).outputs("inner", "left", "rekeyed").assertSameRecords();
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void tableOperatorsAndRegrouping(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> {
                    var t = b.<String, String>table("t");
                    t.filter((k, v) -> even(v)).mapValues(v -> "m" + v).toStream().to("filtered");
                    t.groupBy((k, v) -> dev.rill.streams.KeyValue.pair(keyOf(v), v))
                            .reduce(DslFamiliesDifferentialTest::plus, DslFamiliesDifferentialTest::minus)
                            .toStream().to("regrouped");
                },
                b -> {
                    var t = b.<String, String>table("t");
                    t.filter((k, v) -> even(v)).mapValues(v -> "m" + v).toStream().to("filtered");
                    t.groupBy((k, v) -> org.apache.kafka.streams.KeyValue.pair(keyOf(v), v))
                            .reduce(DslFamiliesDifferentialTest::plus, DslFamiliesDifferentialTest::minus)
                            .toStream().to("regrouped");
                }), seed, "t").caching(caching).outputs("filtered", "regrouped").assertSameRecords();
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void tableTableJoins(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> {
                    var l = b.<String, String>table("left");
                    var r = b.<String, String>table("right");
                    l.join(r, (x, y) -> x + "/" + y).toStream().to("inner");
                    l.leftJoin(r, (x, y) -> x + "/" + y).toStream().to("leftjoin");
                    l.outerJoin(r, (x, y) -> x + "/" + y).toStream().to("outer");
                },
                b -> {
                    var l = b.<String, String>table("left");
                    var r = b.<String, String>table("right");
                    l.join(r, (x, y) -> x + "/" + y).toStream().to("inner");
                    l.leftJoin(r, (x, y) -> x + "/" + y).toStream().to("leftjoin");
                    l.outerJoin(r, (x, y) -> x + "/" + y).toStream().to("outer");
                }), seed, "left", "right").caching(caching).outputs("inner", "leftjoin", "outer").assertSameRecords();
    }

    @ParameterizedTest(name = "seed {0}, caching {1}")
    @CsvSource({"1,false", "1,true", "2,false", "2,true"})
    void foreignKeyJoins(long seed, boolean caching) {
        generated(Differential.dsl(
                b -> {
                    var o = b.<String, String>table("orders");
                    var c = b.<String, String>table("customers");
                    o.join(c, DslFamiliesDifferentialTest::keyOf, (x, y) -> x + "@" + y).toStream().to("inner");
                    o.leftJoin(c, DslFamiliesDifferentialTest::keyOf, (x, y) -> x + "@" + y).toStream().to("left");
                },
                b -> {
                    var o = b.<String, String>table("orders");
                    var c = b.<String, String>table("customers");
                    o.join(c, DslFamiliesDifferentialTest::keyOf, (x, y) -> x + "@" + y).toStream().to("inner");
                    o.leftJoin(c, DslFamiliesDifferentialTest::keyOf, (x, y) -> x + "@" + y).toStream().to("left");
                }), seed, "orders", "customers").caching(caching).outputs("inner", "left").assertSameRecords();
    }
}
