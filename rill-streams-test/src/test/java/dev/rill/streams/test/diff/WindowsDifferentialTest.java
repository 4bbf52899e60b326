package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Rill's window definitions against Kafka Streams 4.3.1's: the windows a timestamp falls into, the accessors, the
 * string forms, equality, and the message of every rejected argument, case by case.
 */
@SuppressWarnings("deprecation")
class WindowsDifferentialTest {
    private static final long[] DURATIONS = {-5, -1, 0, 1, 2, 3, 7, 10, 60_000, 43_200_001, Long.MAX_VALUE};

    /** What a call gives: its result's string form, or its exception's kind and message (Rill's names mapped). */
    private static String outcome(Supplier<Object> call) {
        try {
            return "ok " + call.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String kafka(Supplier<Object> call) {
        return outcome(call).replace("org.apache.kafka.streams.kstream.internals.", "<window>.");
    }

    private static String rill(Supplier<Object> call) {
        return outcome(call).replace("dev.rill.streams.kstream.", "<window>.");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static List<Duration> durations() {
        List<Duration> all = new ArrayList<>();
        all.add(null);
        for (long d : DURATIONS) {
            all.add(ms(d));
        }
        all.add(Duration.ofSeconds(Long.MAX_VALUE)); // too large for milliseconds
        return all;
    }

    private static String windows(Map<Long, ? extends Object> byStart, boolean kafka) {
        StringBuilder sb = new StringBuilder();
        byStart.forEach((start, w) -> {
            long s = kafka ? ((org.apache.kafka.streams.kstream.Window) w).start()
                    : ((dev.rill.streams.kstream.Window) w).start();
            long e = kafka ? ((org.apache.kafka.streams.kstream.Window) w).end()
                    : ((dev.rill.streams.kstream.Window) w).end();
            sb.append(start).append('=').append(s).append('/').append(e).append(' ');
        });
        return sb.toString();
    }

    @Test
    void timeWindowsFactoriesAcceptAndRejectTheSameArguments() {
        int cases = 0;
        for (Duration size : durations()) {
            assertThat(rill(() -> dev.rill.streams.kstream.TimeWindows.ofSizeWithNoGrace(size)))
                    .as("ofSizeWithNoGrace(%s)", size)
                    .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(size)));
            for (Duration second : durations()) {
                cases++;
                assertThat(rill(() -> dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(size, second)))
                        .as("ofSizeAndGrace(%s, %s)", size, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(size,
                                second)));
                assertThat(rill(() -> dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(size, ms(2))
                        .advanceBy(second)))
                        .as("ofSizeAndGrace(%s, 2ms).advanceBy(%s)", size, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(size,
                                ms(2)).advanceBy(second)));
            }
        }
        assertThat(cases).isEqualTo(169);
    }

    @Test
    void timeWindowsPutATimestampIntoTheSameWindows() {
        Random random = new Random(12);
        List<long[]> shapes = new ArrayList<>(List.of(new long[] {1, 1}, new long[] {10, 10}, new long[] {10, 3},
                new long[] {10, 1}, new long[] {7, 5}, new long[] {60_000, 15_000}, new long[] {Long.MAX_VALUE, 1L << 62}));
        for (int i = 0; i < 20; i++) {
            long size = 1 + random.nextInt(1_000);
            shapes.add(new long[] {size, 1 + random.nextInt((int) size)});
        }
        int compared = 0;
        for (long[] shape : shapes) {
            var r = dev.rill.streams.kstream.TimeWindows.ofSizeWithNoGrace(ms(shape[0])).advanceBy(ms(shape[1]));
            var k = org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(ms(shape[0]))
                    .advanceBy(ms(shape[1]));
            assertThat(r.size()).isEqualTo(k.size());
            assertThat(r.sizeMs).isEqualTo(k.sizeMs);
            assertThat(r.advanceMs).isEqualTo(k.advanceMs);
            assertThat(r.gracePeriodMs()).isEqualTo(k.gracePeriodMs());
            List<Long> timestamps = new ArrayList<>(List.of(-1L, 0L, 1L, shape[0] - 1, shape[0], shape[0] + 1,
                    3 * shape[0] + shape[1] / 2, 1_700_000_000_000L, Long.MAX_VALUE - 2 * shape[0]));
            for (int i = 0; i < 30; i++) {
                timestamps.add((long) random.nextInt(100_000));
            }
            for (long ts : timestamps) {
                if (ts < -1) {
                    continue;
                }
                String expected = kafka(() -> windows(k.windowsFor(ts), true));
                assertThat(rill(() -> windows(r.windowsFor(ts), false)))
                        .as("size %d advance %d timestamp %d", shape[0], shape[1], ts).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(windows(dev.rill.streams.kstream.TimeWindows.ofSizeWithNoGrace(ms(10)).advanceBy(ms(3))
                .windowsFor(7), false)).isEqualTo("0=0/10 3=3/13 6=6/16 ");
    }

    @Test
    void timeWindowsCompareAndPrintTheSame() {
        for (Duration size : List.of(ms(5), ms(10))) {
            for (Duration grace : List.of(ms(0), ms(2))) {
                var r = dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(size, grace).advanceBy(ms(5));
                var k = org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(size, grace).advanceBy(ms(5));
                assertThat(r.toString()).isEqualTo(k.toString());
                assertThat(r).isEqualTo(dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(size, grace)
                        .advanceBy(ms(5)));
                assertThat(r.equals(dev.rill.streams.kstream.TimeWindows.ofSizeWithNoGrace(ms(10))))
                        .isEqualTo(k.equals(org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(ms(10))));
            }
        }
    }

    @Test
    void slidingAndSessionWindowsAcceptAndRejectTheSameArguments() {
        for (Duration first : durations()) {
            assertThat(rill(() -> dev.rill.streams.kstream.SlidingWindows.ofTimeDifferenceWithNoGrace(first)))
                    .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.SlidingWindows
                            .ofTimeDifferenceWithNoGrace(first)));
            assertThat(rill(() -> dev.rill.streams.kstream.SessionWindows.ofInactivityGapWithNoGrace(first)))
                    .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.SessionWindows
                            .ofInactivityGapWithNoGrace(first)));
            for (Duration second : durations()) {
                assertThat(rill(() -> dev.rill.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(first, second)))
                        .as("sliding(%s, %s)", first, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.SlidingWindows
                                .ofTimeDifferenceAndGrace(first, second)));
                assertThat(rill(() -> dev.rill.streams.kstream.SessionWindows.ofInactivityGapAndGrace(first, second)))
                        .as("session(%s, %s)", first, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.SessionWindows
                                .ofInactivityGapAndGrace(first, second)));
            }
        }
        var sliding = dev.rill.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(ms(7), ms(3));
        assertThat(sliding.timeDifferenceMs()).isEqualTo(7);
        assertThat(sliding.gracePeriodMs()).isEqualTo(3);
        assertThat(sliding).isEqualTo(dev.rill.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(ms(7), ms(3)));
        var session = dev.rill.streams.kstream.SessionWindows.ofInactivityGapAndGrace(ms(7), ms(3));
        assertThat(session.inactivityGap()).isEqualTo(7);
        assertThat(session.gracePeriodMs()).isEqualTo(3);
        assertThat(session).isNotEqualTo(dev.rill.streams.kstream.SessionWindows.ofInactivityGapWithNoGrace(ms(7)));
    }

    @Test
    void joinWindowsAcceptRejectAndChangeTheSame() {
        for (Duration first : durations()) {
            assertThat(rill(() -> dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(first)))
                    .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.JoinWindows
                            .ofTimeDifferenceWithNoGrace(first)));
            assertThat(rill(() -> dev.rill.streams.kstream.JoinWindows.of(first)))
                    .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.JoinWindows.of(first)));
            for (Duration second : durations()) {
                assertThat(rill(() -> dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(first, second)))
                        .as("ofTimeDifferenceAndGrace(%s, %s)", first, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.JoinWindows
                                .ofTimeDifferenceAndGrace(first, second)));
                assertThat(rill(() -> dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(5))
                        .before(first).after(second)))
                        .as("before(%s).after(%s)", first, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.JoinWindows
                                .ofTimeDifferenceWithNoGrace(ms(5)).before(first).after(second)));
                assertThat(rill(() -> dev.rill.streams.kstream.JoinWindows.of(ms(5)).after(first).grace(second)))
                        .as("of(5ms).after(%s).grace(%s)", first, second)
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.JoinWindows.of(ms(5)).after(first)
                                .grace(second)));
                assertThat(rill(() -> dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(5), ms(1))
                        .grace(second)))
                        .isEqualTo(kafka(() -> org.apache.kafka.streams.kstream.JoinWindows
                                .ofTimeDifferenceAndGrace(ms(5), ms(1)).grace(second)));
            }
        }
        var r = dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(5), ms(2)).after(ms(7));
        var k = org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(5), ms(2)).after(ms(7));
        assertThat(new long[] {r.beforeMs, r.afterMs, r.size(), r.gracePeriodMs()})
                .containsExactly(k.beforeMs, k.afterMs, k.size(), k.gracePeriodMs());
        assertThat(rill(() -> r.windowsFor(3))).isEqualTo(kafka(() -> k.windowsFor(3)));
        assertThat(dev.rill.streams.kstream.JoinWindows.of(ms(5)).grace(ms(0)))
                .isEqualTo(dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(5)));
        assertThat(org.apache.kafka.streams.kstream.JoinWindows.of(ms(5)).grace(ms(0)))
                .isEqualTo(org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(5)));
    }

    @Test
    void windowsValidateOverlapPrintAndCompareTheSame() {
        long[] points = {-1, 0, 1, 4, 5, 6, 9};
        List<long[]> bounds = new ArrayList<>();
        for (long s : points) {
            for (long e : points) {
                bounds.add(new long[] {s, e});
            }
        }
        for (long[] a : bounds) {
            assertThat(rill(() -> new dev.rill.streams.kstream.TimeWindow(a[0], a[1])))
                    .isEqualTo(kafka(() -> new org.apache.kafka.streams.kstream.internals.TimeWindow(a[0], a[1])));
            assertThat(rill(() -> new dev.rill.streams.kstream.SessionWindow(a[0], a[1])))
                    .isEqualTo(kafka(() -> new org.apache.kafka.streams.kstream.internals.SessionWindow(a[0], a[1])));
            for (long[] b : bounds) {
                String what = a[0] + "/" + a[1] + " vs " + b[0] + "/" + b[1];
                assertThat(rill(() -> new dev.rill.streams.kstream.TimeWindow(a[0], a[1])
                        .overlap(new dev.rill.streams.kstream.TimeWindow(b[0], b[1])))).as("time " + what)
                        .isEqualTo(kafka(() -> new org.apache.kafka.streams.kstream.internals.TimeWindow(a[0], a[1])
                                .overlap(new org.apache.kafka.streams.kstream.internals.TimeWindow(b[0], b[1]))));
                assertThat(rill(() -> new dev.rill.streams.kstream.SessionWindow(a[0], a[1])
                        .overlap(new dev.rill.streams.kstream.SessionWindow(b[0], b[1])))).as("session " + what)
                        .isEqualTo(kafka(() -> new org.apache.kafka.streams.kstream.internals.SessionWindow(a[0],
                                a[1]).overlap(new org.apache.kafka.streams.kstream.internals.SessionWindow(b[0],
                                b[1]))));
                assertThat(rill(() -> new dev.rill.streams.kstream.SessionWindow(a[0], a[1])
                        .equals(new dev.rill.streams.kstream.SessionWindow(b[0], b[1])))).as("equals " + what)
                        .isEqualTo(kafka(() -> new org.apache.kafka.streams.kstream.internals.SessionWindow(a[0],
                                a[1]).equals(new org.apache.kafka.streams.kstream.internals.SessionWindow(b[0],
                                b[1]))));
            }
        }
        assertThat(rill(() -> new dev.rill.streams.kstream.TimeWindow(0, 5)
                .overlap(new dev.rill.streams.kstream.SessionWindow(1, 2))))
                .isEqualTo(kafka(() -> new org.apache.kafka.streams.kstream.internals.TimeWindow(0, 5)
                        .overlap(new org.apache.kafka.streams.kstream.internals.SessionWindow(1, 2))));
        assertThat(new dev.rill.streams.kstream.TimeWindow(0, 5).equals(new dev.rill.streams.kstream.SessionWindow(0, 5)))
                .isEqualTo(new org.apache.kafka.streams.kstream.internals.TimeWindow(0, 5)
                        .equals(new org.apache.kafka.streams.kstream.internals.SessionWindow(0, 5)));
        var rw = new dev.rill.streams.kstream.TimeWindow(3, 8);
        var kw = new org.apache.kafka.streams.kstream.internals.TimeWindow(3, 8);
        assertThat(rw.toString()).isEqualTo(kw.toString());
        assertThat(rw.startTime()).isEqualTo(kw.startTime());
        assertThat(rw.endTime()).isEqualTo(kw.endTime());
        for (String key : new String[] {"k", null}) {
            assertThat(new dev.rill.streams.kstream.Windowed<>(key, rw).toString())
                    .isEqualTo(new org.apache.kafka.streams.kstream.Windowed<>(key, kw).toString());
        }
        assertThat(new dev.rill.streams.kstream.Windowed<>("k", rw))
                .isEqualTo(new dev.rill.streams.kstream.Windowed<>("k", new dev.rill.streams.kstream.TimeWindow(3, 8)))
                .hasSameHashCodeAs(new dev.rill.streams.kstream.Windowed<>("k",
                        new dev.rill.streams.kstream.TimeWindow(3, 8)))
                .isNotEqualTo(new dev.rill.streams.kstream.Windowed<>("k", new dev.rill.streams.kstream.SessionWindow(3, 8)))
                .isNotEqualTo(new dev.rill.streams.kstream.Windowed<>("j", rw));
    }
}
