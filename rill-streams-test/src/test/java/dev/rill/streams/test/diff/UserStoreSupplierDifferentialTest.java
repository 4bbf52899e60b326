package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import dev.rill.streams.state.WindowStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Window and session stores from suppliers of the user's own (classes that are not Rill's, as a user writes them to
 * wrap or replace a store), run against Apache Kafka Streams 4.3.1 given the equivalent suppliers: a tumbling count,
 * a session count with merges and late records, and an outer stream–stream join, record by record with caches off
 * and by final value with caches on. The user stores are proxies that implement only the public store interface and
 * count their calls, so the test also shows that Rill reads and writes through them rather than around them.
 */
class UserStoreSupplierDifferentialTest {
    private static final Duration TEN = Duration.ofMillis(10);
    private static final Duration FIVE = Duration.ofMillis(5);
    private static final Duration RETENTION = Duration.ofMillis(100);

    /** Calls into the user stores of the current test (puts and reads). */
    private static final AtomicLong CALLS = new AtomicLong();

    private static String rill(Windowed<String> w) {
        return w.key() + "@" + w.window().start() + "/" + w.window().end();
    }

    private static String apache(org.apache.kafka.streams.kstream.Windowed<String> w) {
        return w.key() + "@" + w.window().start() + "/" + w.window().end();
    }

    private static Differential messy(Differential d) {
        return d.input("in", "a", "1", 1, "h", "one")
                .input("in", "b", "2", 3)
                .input("in", "a", "3", 12, "h", "three")
                .input("in", null, "4", 13)
                .input("in", "a", "5", 8)
                .input("in", "b", null, 14)
                .input("in", "a", "6", 25, "h", "six")
                .input("in", "a", "7", 9)                 // too late for a grace of 5
                .input("in", "b", "8", 19)
                .input("in", "ab", "9", 31)               // a key that extends another
                .input("in", "a", "10", 26)
                .input("in", "b", "11", 12)               // too late
                .input("in", "a", "12", 31, "h", "twelve")
                .input("in", "ab", "13", 50)
                .input("in", "a", "14", 44);
    }

    private static Differential tumblingCount() {
        return Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(TEN, FIVE))
                        .count(dev.rill.streams.kstream.Materialized.<String, Long>as(userWindows(
                                dev.rill.streams.state.Stores.persistentTimestampedWindowStore("counts", RETENTION,
                                        TEN, false))))
                        .toStream().map((k, v) -> dev.rill.streams.KeyValue.pair(rill(k), String.valueOf(v)))
                        .to("out"),
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(TEN, FIVE))
                        .count(org.apache.kafka.streams.kstream.Materialized.<String, Long>as(
                                org.apache.kafka.streams.state.Stores.persistentTimestampedWindowStore("counts",
                                        RETENTION, TEN, false)))
                        .toStream().map((k, v) -> org.apache.kafka.streams.KeyValue.pair(apache(k),
                                String.valueOf(v)))
                        .to("out"))
                .outputs("out");
    }

    @Test
    void tumblingCountOverAUserWindowStoreMatchesRecordForRecord() {
        CALLS.set(0);
        Map<String, List<Differential.Out>> out = messy(tumblingCount()).caching(false).assertSameOutput();
        assertThat(out.get("out")).extracting(Differential.Out::key).contains("a@0/10", "ab@30/40");
        assertThat(CALLS.get()).as("calls into the user's window store").isGreaterThan(20);
    }

    @Test
    void tumblingCountOverAUserWindowStoreWithCachingHasTheSameFinalValues() {
        messy(tumblingCount()).caching(true).assertSameFinalValues();
    }

    private static Differential sessionCount() {
        return Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(dev.rill.streams.kstream.SessionWindows.ofInactivityGapAndGrace(TEN, FIVE))
                        .count(dev.rill.streams.kstream.Materialized.<String, Long>as(userSessions(
                                dev.rill.streams.state.Stores.persistentSessionStore("sessions", RETENTION))))
                        .toStream().map((k, v) -> dev.rill.streams.KeyValue.pair(rill(k), String.valueOf(v)))
                        .to("out"),
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapAndGrace(TEN,
                                FIVE))
                        .count(org.apache.kafka.streams.kstream.Materialized.<String, Long>as(
                                org.apache.kafka.streams.state.Stores.persistentSessionStore("sessions",
                                        RETENTION)))
                        .toStream().map((k, v) -> org.apache.kafka.streams.KeyValue.pair(apache(k),
                                String.valueOf(v)))
                        .to("out"))
                .outputs("out")
                .input("in", "a", "1", 0, "h", "first")
                .input("in", "a", "2", 30)
                .input("in", "a", "3", 15, "h", "bridge")   // merges [0,0] and [30,30] into [0,30]
                .input("in", null, "4", 16)
                .input("in", "b", "5", 20)
                .input("in", "ab", "6", 22)
                .input("in", "a", "7", 60)
                .input("in", "b", "8", 5)                     // late
                .input("in", "a", "9", 48)                    // joins [60,60]
                .input("in", "ab", "10", 61)
                .input("in", "a", "11", 61);
    }

    @Test
    void sessionCountOverAUserSessionStoreMatchesRecordForRecord() {
        CALLS.set(0);
        Map<String, List<Differential.Out>> out = sessionCount().caching(false).assertSameOutput();
        // a merge removes the merged sessions (a tombstone, "null" once mapped to text) and counts them together
        assertThat(out.get("out")).extracting(Differential.Out::value).contains("null", "2");
        assertThat(CALLS.get()).as("calls into the user's session store").isGreaterThan(20);
    }

    @Test
    void sessionCountOverAUserSessionStoreWithCachingHasTheSameFinalValues() {
        sessionCount().caching(true).assertSameFinalValues();
    }

    @Test
    void outerJoinOverUserWindowStoresMatchesRecordForRecord() {
        CALLS.set(0);
        Duration size = Duration.ofMillis(13);     // before 3 + after 10
        Duration retention = Duration.ofMillis(18); // + grace 5
        Differential d = Differential.dsl(
                b -> b.<String, String>stream("left").outerJoin(b.<String, String>stream("right"),
                                (k, l, r) -> k + ":" + l + "+" + r,
                                dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(TEN, FIVE)
                                        .before(Duration.ofMillis(3)),
                                dev.rill.streams.kstream.StreamJoined.<String, String, String>with(
                                        userWindows(dev.rill.streams.state.Stores.inMemoryWindowStore(
                                                "this-side", retention, size, true)),
                                        userWindows(dev.rill.streams.state.Stores.inMemoryWindowStore(
                                                "other-side", retention, size, true)))
                                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String())
                                        .withOtherValueSerde(Serdes.String()))
                        .to("out"),
                b -> b.<String, String>stream("left").outerJoin(b.<String, String>stream("right"),
                                (k, l, r) -> k + ":" + l + "+" + r,
                                org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(TEN, FIVE)
                                        .before(Duration.ofMillis(3)),
                                org.apache.kafka.streams.kstream.StreamJoined.<String, String, String>with(
                                        org.apache.kafka.streams.state.Stores.inMemoryWindowStore("this-side",
                                                retention, size, true),
                                        org.apache.kafka.streams.state.Stores.inMemoryWindowStore("other-side",
                                                retention, size, true))
                                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String())
                                        .withOtherValueSerde(Serdes.String()))
                        .to("out"))
                .outputs("out")
                .input("left", "a", "a1", 100)
                .input("right", "a", "A1", 105, "h", "1")
                .input("right", "b", "B1", 102)
                .input("left", "a", "a2", 98)                 // out of order
                .input("right", "ab", "AB1", 103)             // a key that extends another
                .input("left", "ab", "ab1", 104)
                .input("left", "c", "c1", 112)
                .input("left", "a", "a3", 90)                 // late, within grace
                .input("right", "a", "A2", 201)               // repeated key and timestamp
                .input("right", "a", "A3", 201)
                .input("left", "a", "a4", 201)                // joins both
                .input("left", "z", "z1", 400);               // closes every window
        Map<String, List<Differential.Out>> out = d.assertSameOutput();
        assertThat(out.get("out")).extracting(Differential.Out::value).contains("a:a4+A2", "a:a4+A3", "c:c1+null");
        assertThat(CALLS.get()).as("calls into the user's window stores").isGreaterThan(20);
    }

    @Test
    void aSupplierThatReturnsNoWindowStoreIsRefusedWithTheStoreName() {
        WindowBytesStoreSupplier builtIn = dev.rill.streams.state.Stores.inMemoryWindowStore("wrong", RETENTION, TEN,
                false);
        WindowBytesStoreSupplier wrong = proxy(WindowBytesStoreSupplier.class,
                (p, method, args) -> method.getName().equals("get") ? null : call(builtIn, method, args));
        var builder = dev.rill.streams.state.Stores.windowStoreBuilder(wrong, Serdes.String(), Serdes.Long());
        assertThatThrownBy(builder::build).hasMessageContaining("wrong").hasMessageContaining("returned null")
                .hasMessageContaining("expected a WindowStore<Bytes, byte[]>");
    }

    /** A window store supplier of the user's own: its stores count the calls they get and pass them on. */
    private static WindowBytesStoreSupplier userWindows(WindowBytesStoreSupplier builtIn) {
        return counting(WindowBytesStoreSupplier.class, builtIn, WindowStore.class);
    }

    /** A session store supplier of the user's own: its stores count the calls they get and pass them on. */
    private static SessionBytesStoreSupplier userSessions(SessionBytesStoreSupplier builtIn) {
        return counting(SessionBytesStoreSupplier.class, builtIn, SessionStore.class);
    }

    /**
     * A supplier whose stores are proxies implementing only the public store interface (so Rill cannot recognise
     * them as its own), counting their calls and passing them to the built-in supplier's stores.
     */
    private static <S> S counting(Class<S> supplierType, S builtIn, Class<?> storeType) {
        return proxy(supplierType, (p, method, args) -> {
            Object result = call(builtIn, method, args);
            if (!method.getName().equals("get")) {
                return result;
            }
            return proxy(storeType, (q, m, a) -> {
                CALLS.incrementAndGet();
                return call(result, m, a);
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(UserStoreSupplierDifferentialTest.class.getClassLoader(),
                new Class<?>[] {type}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
