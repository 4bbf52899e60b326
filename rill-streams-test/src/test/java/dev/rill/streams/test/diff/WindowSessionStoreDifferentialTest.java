package dev.rill.streams.test.diff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window and session stores used from the Processor API on Rill and on Apache Kafka Streams 4.3.1: each input record
 * carries store commands (put, fetch, backwardFetch, key ranges, fetchAll, all, findSessions, fetchSession, remove),
 * the processor forwards what the store answered, and both must answer the same, for every store kind (RocksDB and
 * in-memory, with and without the record cache, with and without duplicates) — including across segments and past
 * retention.
 */
class WindowSessionStoreDifferentialTest {
    private static final Duration RETENTION = Duration.ofMinutes(2);
    private static final Duration SIZE = Duration.ofSeconds(10);

    /** A window store as the command interpreter sees it; each API gets an adapter. */
    interface WindowOps {
        void put(String key, String value, long start);

        String fetch(String key, long time);

        List<String> fetch(String key, long from, long to, boolean backward);

        List<String> fetch(String keyFrom, String keyTo, long from, long to, boolean backward);

        List<String> fetchAll(long from, long to, boolean backward);

        List<String> all(boolean backward);
    }

    /** A session store as the command interpreter sees it. */
    interface SessionOps {
        void put(String key, long start, long end, String value);

        void remove(String key, long start, long end);

        String fetchSession(String key, long start, long end);

        List<String> find(String key, long earliestEnd, long latestStart, boolean backward);

        List<String> find(String keyFrom, String keyTo, long earliestEnd, long latestStart, boolean backward);

        List<String> findByEnd(long earliestEnd, long latestEnd);

        List<String> fetch(String key, boolean backward);

        List<String> fetch(String keyFrom, String keyTo, boolean backward);
    }

    static String window(String key, long start, long end, Object value) {
        return key + "@" + start + "-" + end + "=" + value;
    }

    private static String nullable(String s) {
        return "-".equals(s) ? null : s;
    }

    /** Runs {@code ;}-separated commands against a window store; returns what each answered. */
    static String runWindow(WindowOps store, String key, String commands) {
        StringBuilder out = new StringBuilder();
        for (String command : commands.split(";")) {
            String[] c = command.trim().split(" ");
            out.append(command.trim()).append(" => ");
            try {
                Object r = switch (c[0]) {
                    case "put" -> {
                        store.put(key, nullable(c[2]), Long.parseLong(c[1]));
                        yield "ok";
                    }
                    case "get" -> store.fetch(key, Long.parseLong(c[1]));
                    case "fetch", "bfetch" -> store.fetch(key, Long.parseLong(c[1]), Long.parseLong(c[2]),
                            c[0].startsWith("b"));
                    case "range", "brange" -> store.fetch(nullable(c[1]), nullable(c[2]), Long.parseLong(c[3]),
                            Long.parseLong(c[4]), c[0].startsWith("b"));
                    case "fetchAll", "bfetchAll" -> store.fetchAll(Long.parseLong(c[1]), Long.parseLong(c[2]),
                            c[0].startsWith("b"));
                    case "all", "ball" -> store.all(c[0].startsWith("b"));
                    default -> throw new IllegalArgumentException(command);
                };
                out.append(r);
            } catch (RuntimeException e) {
                out.append("error ").append(e.getClass().getSimpleName());
            }
            out.append(" | ");
        }
        return out.toString();
    }

    /** Runs {@code ;}-separated commands against a session store; returns what each answered. */
    static String runSession(SessionOps store, String key, String commands) {
        StringBuilder out = new StringBuilder();
        for (String command : commands.split(";")) {
            String[] c = command.trim().split(" ");
            out.append(command.trim()).append(" => ");
            try {
                Object r = switch (c[0]) {
                    case "put" -> {
                        store.put(key, Long.parseLong(c[1]), Long.parseLong(c[2]), nullable(c[3]));
                        yield "ok";
                    }
                    case "remove" -> {
                        store.remove(key, Long.parseLong(c[1]), Long.parseLong(c[2]));
                        yield "ok";
                    }
                    case "get" -> store.fetchSession(key, Long.parseLong(c[1]), Long.parseLong(c[2]));
                    case "find", "bfind" -> store.find(key, Long.parseLong(c[1]), Long.parseLong(c[2]),
                            c[0].startsWith("b"));
                    case "range", "brange" -> store.find(nullable(c[1]), nullable(c[2]), Long.parseLong(c[3]),
                            Long.parseLong(c[4]), c[0].startsWith("b"));
                    case "byEnd" -> store.findByEnd(Long.parseLong(c[1]), Long.parseLong(c[2]));
                    case "fetch", "bfetch" -> store.fetch(key, c[0].startsWith("b"));
                    case "fetchRange", "bfetchRange" -> store.fetch(nullable(c[1]), nullable(c[2]),
                            c[0].startsWith("b"));
                    default -> throw new IllegalArgumentException(command);
                };
                out.append(r);
            } catch (RuntimeException e) {
                out.append("error ").append(e.getClass().getSimpleName());
            }
            out.append(" | ");
        }
        return out.toString();
    }

    // ---- Rill

    static final class RillWindowOps implements WindowOps {
        final dev.rill.streams.state.WindowStore<String, String> s;

        RillWindowOps(dev.rill.streams.state.WindowStore<String, String> s) {
            this.s = s;
        }

        @Override
        public void put(String key, String value, long start) {
            s.put(key, value, start);
        }

        @Override
        public String fetch(String key, long time) {
            return s.fetch(key, time);
        }

        @Override
        public List<String> fetch(String key, long from, long to, boolean backward) {
            List<String> out = new ArrayList<>();
            try (var it = backward ? s.backwardFetch(key, from, to) : s.fetch(key, from, to)) {
                it.forEachRemaining(kv -> out.add(kv.key + "=" + kv.value));
            }
            return out;
        }

        @Override
        public List<String> fetch(String keyFrom, String keyTo, long from, long to, boolean backward) {
            return windows(backward ? s.backwardFetch(keyFrom, keyTo, from, to) : s.fetch(keyFrom, keyTo, from, to));
        }

        @Override
        public List<String> fetchAll(long from, long to, boolean backward) {
            return windows(backward ? s.backwardFetchAll(from, to) : s.fetchAll(from, to));
        }

        @Override
        public List<String> all(boolean backward) {
            return windows(backward ? s.backwardAll() : s.all());
        }

        static List<String> windows(
                dev.rill.streams.state.KeyValueIterator<dev.rill.streams.kstream.Windowed<String>, String> it) {
            List<String> out = new ArrayList<>();
            try (it) {
                it.forEachRemaining(kv -> out.add(window(kv.key.key(), kv.key.window().start(),
                        kv.key.window().end(), kv.value)));
            }
            return out;
        }
    }

    static final class RillSessionOps implements SessionOps {
        final dev.rill.streams.state.SessionStore<String, String> s;

        RillSessionOps(dev.rill.streams.state.SessionStore<String, String> s) {
            this.s = s;
        }

        private static dev.rill.streams.kstream.Windowed<String> session(String key, long start, long end) {
            return new dev.rill.streams.kstream.Windowed<>(key, new dev.rill.streams.kstream.SessionWindow(start, end));
        }

        @Override
        public void put(String key, long start, long end, String value) {
            s.put(session(key, start, end), value);
        }

        @Override
        public void remove(String key, long start, long end) {
            s.remove(session(key, start, end));
        }

        @Override
        public String fetchSession(String key, long start, long end) {
            return s.fetchSession(key, start, end);
        }

        @Override
        public List<String> find(String key, long earliestEnd, long latestStart, boolean backward) {
            return RillWindowOps.windows(backward ? s.backwardFindSessions(key, earliestEnd, latestStart)
                    : s.findSessions(key, earliestEnd, latestStart));
        }

        @Override
        public List<String> find(String keyFrom, String keyTo, long earliestEnd, long latestStart, boolean backward) {
            return RillWindowOps.windows(backward ? s.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart)
                    : s.findSessions(keyFrom, keyTo, earliestEnd, latestStart));
        }

        @Override
        public List<String> findByEnd(long earliestEnd, long latestEnd) {
            return RillWindowOps.windows(s.findSessions(earliestEnd, latestEnd));
        }

        @Override
        public List<String> fetch(String key, boolean backward) {
            return RillWindowOps.windows(backward ? s.backwardFetch(key) : s.fetch(key));
        }

        @Override
        public List<String> fetch(String keyFrom, String keyTo, boolean backward) {
            return RillWindowOps.windows(backward ? s.backwardFetch(keyFrom, keyTo) : s.fetch(keyFrom, keyTo));
        }
    }

    static final class RillProc implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private final boolean session;
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
        private WindowOps windows;
        private SessionOps sessions;

        RillProc(boolean session) {
            this.session = session;
        }

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            if (session) {
                sessions = new RillSessionOps(c.getStateStore("store"));
            } else {
                windows = new RillWindowOps(c.getStateStore("store"));
            }
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            String answer = session ? runSession(sessions, r.key(), r.value()) : runWindow(windows, r.key(), r.value());
            ctx.forward(r.withValue(answer));
        }
    }

    // ---- Apache Kafka Streams

    static final class ApacheWindowOps implements WindowOps {
        final org.apache.kafka.streams.state.WindowStore<String, String> s;

        ApacheWindowOps(org.apache.kafka.streams.state.WindowStore<String, String> s) {
            this.s = s;
        }

        @Override
        public void put(String key, String value, long start) {
            s.put(key, value, start);
        }

        @Override
        public String fetch(String key, long time) {
            return s.fetch(key, time);
        }

        @Override
        public List<String> fetch(String key, long from, long to, boolean backward) {
            List<String> out = new ArrayList<>();
            try (var it = backward ? s.backwardFetch(key, from, to) : s.fetch(key, from, to)) {
                it.forEachRemaining(kv -> out.add(kv.key + "=" + kv.value));
            }
            return out;
        }

        @Override
        public List<String> fetch(String keyFrom, String keyTo, long from, long to, boolean backward) {
            return windows(backward ? s.backwardFetch(keyFrom, keyTo, from, to) : s.fetch(keyFrom, keyTo, from, to));
        }

        @Override
        public List<String> fetchAll(long from, long to, boolean backward) {
            return windows(backward ? s.backwardFetchAll(from, to) : s.fetchAll(from, to));
        }

        @Override
        public List<String> all(boolean backward) {
            return windows(backward ? s.backwardAll() : s.all());
        }

        static List<String> windows(
                org.apache.kafka.streams.state.KeyValueIterator<org.apache.kafka.streams.kstream.Windowed<String>, String> it) {
            List<String> out = new ArrayList<>();
            try (it) {
                it.forEachRemaining(kv -> out.add(window(kv.key.key(), kv.key.window().start(),
                        kv.key.window().end(), kv.value)));
            }
            return out;
        }
    }

    static final class ApacheSessionOps implements SessionOps {
        final org.apache.kafka.streams.state.SessionStore<String, String> s;

        ApacheSessionOps(org.apache.kafka.streams.state.SessionStore<String, String> s) {
            this.s = s;
        }

        private static org.apache.kafka.streams.kstream.Windowed<String> session(String key, long start, long end) {
            return new org.apache.kafka.streams.kstream.Windowed<>(key,
                    new org.apache.kafka.streams.kstream.internals.SessionWindow(start, end));
        }

        @Override
        public void put(String key, long start, long end, String value) {
            s.put(session(key, start, end), value);
        }

        @Override
        public void remove(String key, long start, long end) {
            s.remove(session(key, start, end));
        }

        @Override
        public String fetchSession(String key, long start, long end) {
            return s.fetchSession(key, start, end);
        }

        @Override
        public List<String> find(String key, long earliestEnd, long latestStart, boolean backward) {
            return ApacheWindowOps.windows(backward ? s.backwardFindSessions(key, earliestEnd, latestStart)
                    : s.findSessions(key, earliestEnd, latestStart));
        }

        @Override
        public List<String> find(String keyFrom, String keyTo, long earliestEnd, long latestStart, boolean backward) {
            return ApacheWindowOps.windows(backward ? s.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart)
                    : s.findSessions(keyFrom, keyTo, earliestEnd, latestStart));
        }

        @Override
        public List<String> findByEnd(long earliestEnd, long latestEnd) {
            return ApacheWindowOps.windows(s.findSessions(earliestEnd, latestEnd));
        }

        @Override
        public List<String> fetch(String key, boolean backward) {
            return ApacheWindowOps.windows(backward ? s.backwardFetch(key) : s.fetch(key));
        }

        @Override
        public List<String> fetch(String keyFrom, String keyTo, boolean backward) {
            return ApacheWindowOps.windows(backward ? s.backwardFetch(keyFrom, keyTo) : s.fetch(keyFrom, keyTo));
        }
    }

    static final class ApacheProc
            implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private final boolean session;
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
        private WindowOps windows;
        private SessionOps sessions;

        ApacheProc(boolean session) {
            this.session = session;
        }

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            if (session) {
                sessions = new ApacheSessionOps(c.getStateStore("store"));
            } else {
                windows = new ApacheWindowOps(c.getStateStore("store"));
            }
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            String answer = session ? runSession(sessions, r.key(), r.value()) : runWindow(windows, r.key(), r.value());
            ctx.forward(r.withValue(answer));
        }
    }

    // ---- the runs

    static Stream<Arguments> windowKinds() {
        List<Arguments> out = new ArrayList<>();
        for (boolean persistent : new boolean[] {true, false}) {
            for (boolean cache : new boolean[] {false, true}) {
                out.add(Arguments.of(persistent, cache, false));
            }
            out.add(Arguments.of(persistent, false, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "persistent={0} cache={1} duplicates={2}")
    @MethodSource("windowKinds")
    void windowStoreAnswersMatch(boolean persistent, boolean cache, boolean duplicates) {
        var rillSupplier = persistent
                ? dev.rill.streams.state.Stores.persistentWindowStore("store", RETENTION, SIZE, duplicates)
                : dev.rill.streams.state.Stores.inMemoryWindowStore("store", RETENTION, SIZE, duplicates);
        var apacheSupplier = persistent
                ? org.apache.kafka.streams.state.Stores.persistentWindowStore("store", RETENTION, SIZE, duplicates)
                : org.apache.kafka.streams.state.Stores.inMemoryWindowStore("store", RETENTION, SIZE, duplicates);
        var rillBuilder = dev.rill.streams.state.Stores.windowStoreBuilder(rillSupplier, Serdes.String(),
                Serdes.String());
        var apacheBuilder = org.apache.kafka.streams.state.Stores.windowStoreBuilder(apacheSupplier, Serdes.String(),
                Serdes.String());
        if (cache) {
            rillBuilder.withCachingEnabled();
            apacheBuilder.withCachingEnabled();
        }
        Differential d = Differential.papi(
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", () -> new RillProc(false), "src")
                                .addStateStore(rillBuilder, "proc")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "proc"),
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", () -> new ApacheProc(false), "src")
                                .addStateStore(apacheBuilder, "proc")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "proc"))
                .input("in", "a", "put 0 v1; put 10000 v2; put 70000 v3; fetch 0 100000; get 10000; get 5", 1)
                .input("in", "b", "put 5000 w1; put 65000 w2; range a b 0 100000; all; ball", 2)
                .input("in", "ab", "put 1000 x1; put 1000 x2; brange a b 0 100000; range b c 0 100000", 3)
                .input("in", "a", "put 10000 v2b; fetchAll 0 70000; bfetchAll 0 100000; bfetch 0 100000; "
                        + "range c a 0 100000; fetch 50 10", 4);
        if (!cache) {
            // Kafka Streams' record cache answers a range with an open bound twice over, and keeps serving windows
            // past retention from its clean entries: Rill does neither (docs/streams.md), so only uncached stores
            // are compared on these
            d.input("in", "ab", "brange - - 0 100000; range b - 0 100000; range - ab 0 100000", 5)
                    .input("in", "c", "put 200000 c1; all; range a c 0 300000; get 70000; get 65000", 6)
                    .input("in", "a", "put 10000 late; fetch 0 300000; get 10000; put 70000 -; fetchAll 0 300000",
                            7)
                    .input("in", "c", "put 200000 -; all; bfetchAll 0 300000", 8)
                    .input("in", "d", "put 400000 d1; all; get 200000", 9);
        }
        d.outputs("out").assertSameOutput();
    }

    static Stream<Arguments> sessionKinds() {
        List<Arguments> out = new ArrayList<>();
        for (boolean persistent : new boolean[] {true, false}) {
            for (boolean cache : new boolean[] {false, true}) {
                out.add(Arguments.of(persistent, cache));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "persistent={0} cache={1}")
    @MethodSource("sessionKinds")
    void sessionStoreAnswersMatch(boolean persistent, boolean cache) {
        var rillSupplier = persistent ? dev.rill.streams.state.Stores.persistentSessionStore("store", RETENTION)
                : dev.rill.streams.state.Stores.inMemorySessionStore("store", RETENTION);
        var apacheSupplier = persistent ? org.apache.kafka.streams.state.Stores.persistentSessionStore("store", RETENTION)
                : org.apache.kafka.streams.state.Stores.inMemorySessionStore("store", RETENTION);
        var rillBuilder = dev.rill.streams.state.Stores.sessionStoreBuilder(rillSupplier, Serdes.String(),
                Serdes.String());
        var apacheBuilder = org.apache.kafka.streams.state.Stores.sessionStoreBuilder(apacheSupplier, Serdes.String(),
                Serdes.String());
        if (cache) {
            rillBuilder.withCachingEnabled();
            apacheBuilder.withCachingEnabled();
        }
        Differential d = Differential.papi(
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", () -> new RillProc(true), "src")
                                .addStateStore(rillBuilder, "proc")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "proc"),
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", () -> new ApacheProc(true), "src")
                                .addStateStore(apacheBuilder, "proc")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "proc"))
                .input("in", "a", "put 0 10 s1; put 20 30 s2; put 100 70000 s3; find 5 25; get 0 10; get 0 11", 1)
                .input("in", "b", "put 5 40 b1; range a b 0 100; brange - - 0 100000; fetchRange - -; "
                        + "bfetchRange a ab", 2)
                .input("in", "ab", "put 1 2 x1; put 1 2 x2; range a b 0 5; fetchRange b a; bfetchRange b a", 3)
                .input("in", "a", "remove 0 10; fetch; bfetch; put 20 30 -; fetch; bfetchRange - -", 4);
        if (!cache) {
            // Kafka Streams' cached RocksDB session store fails backwardFindSessions of one key with an
            // IllegalStateException, and its record cache keeps serving sessions past retention: only uncached
            // stores are compared on these (docs/streams.md)
            d.input("in", "a", "bfind 0 100; bfind 0 70000", 5)
                    .input("in", "c", "put 150000 200000 c1; fetchRange - -; get 5 40", 6)
                    .input("in", "ab", "put 1 3 late; fetchRange - -; get 1 2; find 0 300000", 7)
                    .input("in", "d", "put 500000 500000 d1; fetchRange - -; bfetchRange - -; get 150000 200000", 8);
        }
        d.outputs("out").assertSameOutput();
    }
}
