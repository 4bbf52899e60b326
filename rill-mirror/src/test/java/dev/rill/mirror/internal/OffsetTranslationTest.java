package dev.rill.mirror.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The emitter's syncs and the translator together: for every committed offset in the replicated range, the
 * translated target offset is exactly the target position of the next record to read, whatever the gaps.
 */
class OffsetTranslationTest {
    private static final TopicPartition TP = new TopicPartition("test", 0);

    /** Replicates the given source offsets (ascending, with gaps) to a target starting at {@code targetStart}. */
    private static long[] replicate(long[] upstream, long targetStart, long lagMax, OffsetTranslator translator,
                                    List<Long> syncCount) {
        OffsetSyncEmitter emitter = new OffsetSyncEmitter(lagMax, sync -> {
            translator.add(sync);
            syncCount.add(sync.upstreamOffset());
        });
        long[] downstream = new long[upstream.length];
        for (int i = 0; i < upstream.length; i++) {
            downstream[i] = targetStart + i;
            emitter.acknowledged(TP, upstream[i], downstream[i]);
        }
        emitter.flush();
        return downstream;
    }

    @Test
    void shouldTranslateEveryCommittedOffsetExactlyDespiteGapsInTheSource() {
        Random random = new Random(7);
        List<Long> offsets = new ArrayList<>();
        long next = 3; // the log starts after retention removed 0..2
        for (int i = 0; i < 2_000; i++) {
            offsets.add(next);
            next += random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1; // transaction markers, compaction
        }
        long[] upstream = offsets.stream().mapToLong(Long::longValue).toArray();
        OffsetTranslator translator = new OffsetTranslator();
        List<Long> syncs = new ArrayList<>();
        long[] downstream = replicate(upstream, 40, 100, translator, syncs);

        int record = 0;
        for (long committed = upstream[0]; committed <= upstream[upstream.length - 1] + 1; committed++) {
            while (record < upstream.length && upstream[record] < committed) {
                record++;
            }
            long expected = record < upstream.length ? downstream[record] : downstream[upstream.length - 1] + 1;
            assertThat(translator.translate(TP, committed)).as("committed %d", committed)
                    .isEqualTo(OptionalLong.of(expected));
        }
        assertThat(syncs.size()).as("syncs for 2000 records").isLessThan(400);
    }

    @Test
    void shouldNotAnswerBelowTheFirstSyncAndShouldNotSkipAboveTheLast() {
        OffsetTranslator translator = new OffsetTranslator();
        replicate(new long[] {10, 11, 12}, 0, 100, translator, new ArrayList<>());
        assertThat(translator.translate(TP, 5)).isEmpty();
        assertThat(translator.translate(new TopicPartition("other", 0), 11)).isEmpty();
        assertThat(translator.translate(TP, 13)).hasValue(3);
        assertThat(translator.translate(TP, 20)).as("beyond what is known replicated: re-read, never skip")
                .hasValue(3);
    }

    @Test
    void shouldFollowAReplayAfterATaskRestart() {
        OffsetTranslator translator = new OffsetTranslator();
        OffsetSyncEmitter first = new OffsetSyncEmitter(100, translator::add);
        for (long u = 0; u < 150; u++) {
            first.acknowledged(TP, u, u);
        }
        first.flush();
        // restart: positions stored up to 120, so 121.. are replicated again, after target offset 149
        OffsetSyncEmitter second = new OffsetSyncEmitter(100, translator::add);
        for (long u = 121; u < 200; u++) {
            second.acknowledged(TP, u, u + 29);
        }
        second.flush();
        assertThat(translator.translate(TP, 100)).hasValue(100);
        assertThat(translator.translate(TP, 121)).hasValue(150);
        assertThat(translator.translate(TP, 160)).hasValue(189);
        assertThat(translator.translate(TP, 200)).hasValue(229);
    }
}
