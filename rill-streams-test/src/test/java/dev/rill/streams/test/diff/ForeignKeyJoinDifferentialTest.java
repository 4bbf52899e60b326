package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Foreign-key KTable-KTable joins written once per API and run through Apache Kafka Streams 4.3.1's driver and
 * Rill's: orders ({@code orderId -> "customerId|amount"}, "|amount" has no customer) joined to customers
 * ({@code customerId -> name}). The input moves orders between customers, renames and deletes customers, deletes
 * orders and sets foreign keys to null.
 */
class ForeignKeyJoinDifferentialTest {
    private static final int ORDER_PARTITIONS = 3;
    private static final int CUSTOMER_PARTITIONS = 2;

    private static Differential input(Differential d) {
        return d.input("customers", "c1", "ann", 1).input("orders", "o1", "c1|10", 2).input("orders", "o2", "c2|20", 3)
                .input("customers", "c2", "bob", 4).input("orders", "o3", "c1|30", 5)
                .input("customers", "c1", "anna", 6)      // right-side update
                .input("orders", "o1", "c2|11", 7)        // foreign key changes
                .input("customers", "c2", null, 8)        // right-side delete
                .input("orders", "o3", null, 9)           // left-side delete
                .input("orders", "o4", "c3|40", 10).input("customers", "c3", "cid", 11)
                .input("orders", "o5", "|50", 12)         // no foreign key
                .input("orders", "o4", "|41", 13)         // foreign key becomes null
                .input("orders", "o2", "c1|21", 14)       // moves from a deleted customer to an existing one
                .input("customers", "c2", "bea", 15)      // a deleted customer comes back
                .input("orders", "o5", "c3|51", 16)       // null foreign key becomes one
                .input("orders", "o6", "c1|60", 17).input("orders", "o6", null, 18)
                .input("orders", "o1", "c2|12", 19)       // same foreign key, new value
                .input("orders", "o7", null, 20).input("customers", "c9", null, 21)
                .input("customers", "c1", null, 22).input("customers", "c1", "ada", 23);
    }

    private static String customerOf(String order) {
        return order.startsWith("|") ? null : order.substring(0, order.indexOf('|'));
    }

    private static String join(String order, String name) {
        return order + "@" + name;
    }

    /** The partition a key's trailing digit picks: the custom partitioning of both tables in these tests. */
    private static int byDigit(String key, int numPartitions) {
        // Kafka Streams also asks the right table's partitioner about a left join's null foreign key
        return key == null ? 0 : Character.getNumericValue(key.charAt(key.length() - 1)) % numPartitions;
    }

    private static Integer routeByDigit(String topic, String key) {
        return key == null ? null : byDigit(key, topic.equals("orders") ? ORDER_PARTITIONS : CUSTOMER_PARTITIONS);
    }

    /** How a test joins the two tables, once per API. */
    private record Join(
            Function<dev.rill.streams.StreamsBuilder, dev.rill.streams.kstream.KTable<String, String>> rill,
            Function<org.apache.kafka.streams.StreamsBuilder, org.apache.kafka.streams.kstream.KTable<String, String>> apache) {
    }

    private static Join plainJoin(boolean left) {
        return new Join(b -> {
            var orders = b.<String, String>table("orders");
            var customers = b.<String, String>table("customers");
            return left ? orders.leftJoin(customers, ForeignKeyJoinDifferentialTest::customerOf,
                    ForeignKeyJoinDifferentialTest::join)
                    : orders.join(customers, ForeignKeyJoinDifferentialTest::customerOf, ForeignKeyJoinDifferentialTest::join);
        }, b -> {
            var orders = b.<String, String>table("orders");
            var customers = b.<String, String>table("customers");
            return left ? orders.leftJoin(customers, ForeignKeyJoinDifferentialTest::customerOf,
                    ForeignKeyJoinDifferentialTest::join)
                    : orders.join(customers, ForeignKeyJoinDifferentialTest::customerOf, ForeignKeyJoinDifferentialTest::join);
        });
    }

    /** A join named {@code name}, with both tables partitioned by {@link #byDigit}. */
    private static Join namedJoinWithPartitioners(boolean left, String name) {
        return new Join(b -> {
            var orders = b.<String, String>table("orders");
            var customers = b.<String, String>table("customers");
            var options = dev.rill.streams.kstream.TableJoined.<String, String>with(
                    (topic, key, value, n) -> byDigit(key, n), null)
                    .withOtherPartitioner((topic, key, value, n) -> byDigit(key, n)).withName(name);
            return left ? orders.leftJoin(customers, ForeignKeyJoinDifferentialTest::customerOf,
                    ForeignKeyJoinDifferentialTest::join, options)
                    : orders.join(customers, ForeignKeyJoinDifferentialTest::customerOf,
                    ForeignKeyJoinDifferentialTest::join, options);
        }, b -> {
            var orders = b.<String, String>table("orders");
            var customers = b.<String, String>table("customers");
            var options = org.apache.kafka.streams.kstream.TableJoined.<String, String>with(
                    (topic, key, value, n) -> Optional.of(Set.of(byDigit(key, n))), null)
                    .withOtherPartitioner((topic, key, value, n) -> Optional.of(Set.of(byDigit(key, n))))
                    .withName(name);
            return left ? orders.leftJoin(customers, ForeignKeyJoinDifferentialTest::customerOf,
                    ForeignKeyJoinDifferentialTest::join, options)
                    : orders.join(customers, ForeignKeyJoinDifferentialTest::customerOf,
                    ForeignKeyJoinDifferentialTest::join, options);
        });
    }

    private static Differential toStream(Join join) {
        return input(Differential.dsl(b -> join.rill().apply(b).toStream().to("out"),
                b -> join.apache().apply(b).toStream().to("out"))).outputs("out");
    }

    private static String nameOf(String joined) {
        return joined.substring(joined.indexOf('@') + 1);
    }

    private static String amountOf(String joined) {
        return joined.substring(joined.indexOf('|') + 1, joined.indexOf('@'));
    }

    private static String plus(String a, String b) {
        return String.valueOf(Integer.parseInt(a) + Integer.parseInt(b));
    }

    private static String minus(String a, String b) {
        return String.valueOf(Integer.parseInt(a) - Integer.parseInt(b));
    }

    /** Sum of amounts and number of orders per customer name, from the join result (subtractors need old values). */
    private static Differential aggregates(Join join) {
        return input(Differential.dsl(b -> {
            var joined = join.rill().apply(b);
            var byName = joined.groupBy((k, v) -> dev.rill.streams.KeyValue.pair(nameOf(v), amountOf(v)));
            byName.aggregate(() -> "0", (k, v, agg) -> plus(agg, v), (k, v, agg) -> minus(agg, v))
                    .toStream().to("sums");
            joined.groupBy((k, v) -> dev.rill.streams.KeyValue.pair(nameOf(v), v)).count()
                    .toStream().mapValues(String::valueOf).to("counts");
        }, b -> {
            var joined = join.apache().apply(b);
            var byName = joined.groupBy((k, v) -> org.apache.kafka.streams.KeyValue.pair(nameOf(v), amountOf(v)));
            byName.aggregate(() -> "0", (k, v, agg) -> plus(agg, v), (k, v, agg) -> minus(agg, v))
                    .toStream().to("sums");
            joined.groupBy((k, v) -> org.apache.kafka.streams.KeyValue.pair(nameOf(v), v)).count()
                    .toStream().mapValues(String::valueOf).to("counts");
        })).outputs("sums", "counts");
    }

    @Test
    void innerJoinGivesTheSameRecordsAndNames() {
        Differential d = toStream(plainJoin(false));
        Map<String, List<Differential.Out>> out = d.assertSameOutput();
        d.assertSameTopologyNames();
        assertThat(out.get("out")).isNotEmpty();
    }

    @Test
    void leftJoinGivesTheSameRecordsAndNames() {
        Differential d = toStream(plainJoin(true));
        d.assertSameOutput();
        d.assertSameTopologyNames();
    }

    @Test
    void namedInnerJoinWithPartitionersGivesTheSameRecordsAndNames() {
        Differential d = toStream(namedJoinWithPartitioners(false, "order-customer"));
        d.assertSameOutput();
        d.assertSameTopologyNames();
    }

    @Test
    void namedLeftJoinWithPartitionersGivesTheSameRecordsAndNames() {
        Differential d = toStream(namedJoinWithPartitioners(true, "order-customer"));
        d.assertSameOutput();
        d.assertSameTopologyNames();
    }

    @Test
    void innerJoinResultAggregatesFollowForeignKeyChangesAndDeletes() {
        Differential d = aggregates(namedJoinWithPartitioners(false, "fk"));
        Map<String, Map<String, String>> out = d.assertSameFinalValues();
        // the join's part (KTable groupBy names its repartition nodes differently, see docs/streams.md)
        d.assertSameTopologyNames(name -> name.startsWith("fk-") || name.contains(" fk-"));
        // o1 c2|12 @bea, o2 c1|21 @ada, o4 has no customer, o5 c3|51 @cid
        assertThat(out.get("sums")).containsEntry("bea", "12").containsEntry("ada", "21").containsEntry("cid", "51")
                .containsEntry("anna", "0").containsEntry("bob", "0");
        assertThat(out.get("counts")).containsEntry("ada", "1").containsEntry("anna", "0");
    }

    @Test
    void leftJoinResultAggregatesFollowForeignKeyChangesAndDeletes() {
        Differential d = aggregates(plainJoin(true));
        Map<String, Map<String, String>> out = d.assertSameFinalValues();
        d.assertSameTopologyNames(name -> name.contains("FK-JOIN"));
        assertThat(out.get("sums")).containsEntry("null", "41").containsEntry("bea", "12");
    }

    @Test
    void tablesWithDifferentPartitionCountsGiveTheSameResultsAsOnePartition() {
        for (boolean left : new boolean[] {false, true}) {
            toStream(plainJoin(left)).rillPartitions(Map.of("orders", ORDER_PARTITIONS, "customers", CUSTOMER_PARTITIONS),
                    (topic, key) -> null).assertSameFinalValues();
            toStream(plainJoin(left)).rillPartitions(Map.of("orders", CUSTOMER_PARTITIONS, "customers", ORDER_PARTITIONS),
                    (topic, key) -> null).assertSameFinalValues();
            aggregates(plainJoin(left)).rillPartitions(Map.of("orders", ORDER_PARTITIONS, "customers",
                    CUSTOMER_PARTITIONS), (topic, key) -> null).assertSameFinalValues();
        }
    }

    @Test
    void customPartitionersOverDifferentPartitionCountsGiveTheSameResultsAsOnePartition() {
        for (boolean left : new boolean[] {false, true}) {
            toStream(namedJoinWithPartitioners(left, "fk")).rillPartitions(Map.of("orders", ORDER_PARTITIONS,
                    "customers", CUSTOMER_PARTITIONS), ForeignKeyJoinDifferentialTest::routeByDigit)
                    .assertSameFinalValues();
            aggregates(namedJoinWithPartitioners(left, "fk")).rillPartitions(Map.of("orders", ORDER_PARTITIONS,
                    "customers", CUSTOMER_PARTITIONS), ForeignKeyJoinDifferentialTest::routeByDigit)
                    .assertSameFinalValues();
        }
    }
}
