package dev.rill.streams.internal.engine;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.ObjLongConsumer;

/** Punctuations of one time base, ordered by due time. */
final class PunctuationQueue {
    private final PriorityQueue<PunctuationSchedule> queue =
            new PriorityQueue<>(Comparator.comparingLong((PunctuationSchedule s) -> s.next));

    void add(PunctuationSchedule schedule) {
        queue.add(schedule);
    }

    /** Fires every schedule due at {@code now} once, with {@code now} as the timestamp. */
    boolean mayPunctuate(long now, ObjLongConsumer<PunctuationSchedule> fire) {
        boolean fired = false;
        PunctuationSchedule top;
        while ((top = queue.peek()) != null && top.next <= now) {
            queue.poll();
            if (top.cancelled) {
                continue;
            }
            fire.accept(top, now);
            fired = true;
            if (!top.cancelled) {
                top.advancePast(now);
                queue.add(top);
            }
        }
        return fired;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
