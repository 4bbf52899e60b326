package dev.rill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.KeyValue;
import dev.rill.streams.test.TestInputTopic;
import dev.rill.streams.test.TestOutputTopic;
import dev.rill.streams.test.TopologyTestDriver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PaymentFilterAppTest {
    @Test
    void onlyUnknownPaymentsReachTheOutputOnEveryPartition() {
        try (TopologyTestDriver driver = new TopologyTestDriver(
                PaymentFilterApp.topology("payment", "unknown-payment"), PaymentFilterApp.config("unused:9092"),
                Map.of("payment", 4))) {
            TestInputTopic<String, String> in = driver.createInputTopic("payment", new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("unknown-payment", new StringDeserializer(),
                    new StringDeserializer());
            for (int p = 0; p < 4; p++) {
                in.pipeInputToPartition(p, "unknown", "amount=" + p);
                in.pipeInputToPartition(p, "alice", "amount=1" + p);
            }
            in.pipeInput("bob", "amount=5");
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("unknown", "amount=0"),
                    KeyValue.pair("unknown", "amount=1"), KeyValue.pair("unknown", "amount=2"),
                    KeyValue.pair("unknown", "amount=3"));
            assertThat(out.isEmpty()).isTrue();
        }
    }

    @Test
    void topologyIsTheSeedsSingleFilter() {
        assertThat(PaymentFilterApp.topology("payment", "unknown-payment").describe().subtopologies().get(0).nodes())
                .extracting(n -> n.name()).isEqualTo(List.of("KSTREAM-SOURCE-0000000000", "KSTREAM-FILTER-0000000001",
                        "KSTREAM-SINK-0000000002"));
    }
}
