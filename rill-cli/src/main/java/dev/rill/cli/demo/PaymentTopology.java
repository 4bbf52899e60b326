package dev.rill.cli.demo;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Produced;
import org.apache.kafka.common.serialization.Serdes;

/** The demo's Streams app: the seed's filter of unknown payments, and a running count of payments per key. */
final class PaymentTopology {

    private PaymentTopology() {
    }

    static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> payments =
                builder.stream(DemoOptions.PAYMENT_TOPIC, Consumed.with(Serdes.String(), Serdes.String()));
        payments.filter((key, value) -> "unknown".equals(key))
                .to(DemoOptions.UNKNOWN_TOPIC, Produced.with(Serdes.String(), Serdes.String()));
        payments.groupByKey()
                .count(Materialized.as(DemoOptions.COUNT_STORE));
        return builder.build();
    }
}
