package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code max.task.idle.ms} in the test drivers: a stream–table left join whose task reads two co-partitioned topics.
 * With a positive value the task holds a record while the other topic has nothing buffered, until records arrive
 * there (then both are taken in timestamp order) or wall-clock time passes the idle time; with 0 (the default) and
 * -1 a driver's partitions are always caught up, so nothing waits. Rill and Apache Kafka Streams 4.3.1, same records.
 */
class MaxTaskIdleDifferentialTest {

    private static Differential joinWithIdle(long idleMs) {
        return Differential.dsl(
                        b -> {
                            var customers = b.<String, String>table("customers");
                            b.<String, String>stream("orders")
                                    .leftJoin(customers, (o, c) -> o + "|" + c)
                                    .to("out");
                        },
                        b -> {
                            var customers = b.<String, String>table("customers");
                            b.<String, String>stream("orders")
                                    .leftJoin(customers, (o, c) -> o + "|" + c)
                                    .to("out");
                        })
                .config("max.task.idle.ms", idleMs)
                // the order arrives before the customer it needs, which has the earlier timestamp
                .input("orders", "k1", "o1", 2_000, "h", "1")
                .input("customers", "k1", "c1", 1_000)
                // nothing more on customers: the order waits until the idle time passed
                .input("orders", "k1", "o2", 3_000)
                .advanceWallClock(Duration.ofMillis(50))
                .input("orders", null, "o-null", 3_100)
                .advanceWallClock(Duration.ofMillis(60))
                .input("customers", "k2", "c2", 500)
                .input("orders", "k2", "o3", 4_000, "h", "2")
                .input("customers", "k2", null, 4_500)
                .input("orders", "k2", "o4", 4_400)
                .advanceWallClock(Duration.ofMillis(200))
                .input("orders", "k1", "o5", 5_000)
                .advanceWallClock(Duration.ofMillis(99))
                .advanceWallClock(Duration.ofMillis(1))
                .outputs("out");
    }

    @ParameterizedTest(name = "max.task.idle.ms={0}")
    @ValueSource(longs = {-1, 0, 100})
    void joinOutputMatchesKafkaStreams(long idleMs) {
        Map<String, List<Differential.Out>> out = joinWithIdle(idleMs).assertSameOutput();
        if (idleMs > 0) {
            // the wait is what lets the first order find its customer
            assertThat(out.get("out").get(0).toString()).contains("o1|c1");
        }
    }
}
