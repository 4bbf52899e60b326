package dev.rill.streams.runtime;

import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across cooperative rebalances, with a repartition topic: a second instance joins while input keeps
 * arriving (the first commits its transaction when tasks are revoked), then the first leaves cleanly. The
 * repartition, changelog and output records are all written inside the transactions: a {@code read_committed}
 * reader sees each key's counts exactly 1, 2, …, n.
 */
class ExactlyOnceRebalanceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void tearDown() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private static Topology repartitioningCount(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        // groupBy with a key selector always repartitions
        b.<String, String>stream(in).groupBy((k, v) -> k, Grouped.as("by-key"))
                .count(Materialized.as("counts")).toStream().to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    private RillStreams start(String appId, String in, String out) throws Exception {
        RillStreams s = new RillStreams(repartitioningCount(in, out), ExactlyOnceCountApp.props(
                KAFKA.bootstrapServers(), appId, Files.createTempDirectory("rill-eos-rb-").toString()));
        started.add(s);
        s.start();
        return s;
    }

    @Test
    void instancesJoiningAndLeavingMidStreamLeaveNoDuplicate() throws Exception {
        ExactlyOnceVerifier v = new ExactlyOnceVerifier(KAFKA.bootstrapServers());
        String in = KAFKA.cluster().newTopic("eos-rb-in", 4);
        String out = KAFKA.cluster().newTopic("eos-rb-out", 4);
        String appId = "eos-rb-" + System.nanoTime();
        int keys = 20;
        int perKey = 90;
        v.produce(in, keys, 0, perKey / 3);
        RillStreams first = start(appId, in, out);
        await().atMost(Duration.ofSeconds(60)).until(() -> v.committedOutputs(out) >= keys * perKey / 6);

        Thread feeder = new Thread(() -> {
            for (int round = perKey / 3; round < perKey; round += 3) {
                v.produce(in, keys, round, Math.min(perKey, round + 3));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        feeder.start();
        RillStreams second = start(appId, in, out);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == RillStreams.State.RUNNING
                && second.state() == RillStreams.State.RUNNING && v.committedOutputs(out) >= keys * perKey / 2);
        first.close(Duration.ofSeconds(30));
        feeder.join();

        ExactlyOnceVerifier.assertExactlyOneToN(v.readCommittedUntil(out, keys, perKey), keys, perKey);
    }
}
