package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The test driver's constructor without settings, getAllStateStores, pipeValueList with times, TestRecord copies. */
class TestDriverOverloadsTest {

    @Test
    void theWallClockStartsAtTheGivenInstant() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Topology t = new Topology()
                .addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                .addProcessor("p", () -> new Processor<String, String, String, String>() {
                    @Override
                    public void init(ProcessorContext<String, String> c) {
                        c.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME,
                                ts -> c.forward(new Record<>("tick", Long.toString(ts), ts)));
                    }

                    @Override
                    public void process(Record<String, String> r) {
                    }
                }, "src")
                .addSink("out", "out", new StringSerializer(), new StringSerializer(), "p");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, start)) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            var out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            assertThat(out.readValue()).isEqualTo(Long.toString(start.plusSeconds(1).toEpochMilli()));
        }
    }

    @Test
    void allStateStoresListsTaskAndGlobalStores() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("table-in", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("table-store"));
        b.globalTable("global-in", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("global-store"));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), Instant.EPOCH)) {
            driver.createInputTopic("table-in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
            var stores = driver.getAllStateStores();
            assertThat(stores).containsOnlyKeys("table-store", "global-store");
            assertThat(stores.get("table-store")).isSameAs(driver.getStateStore("table-store"));
            assertThat(driver.<String, String>getKeyValueStore("table-store").get("k")).isEqualTo("v");
        }
    }

    @Test
    void pipeValueListStampsEachValueAnAdvanceLater() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .to("out", dev.rill.streams.kstream.Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build())) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer())
                    .pipeValueList(List.of("a", "b", "c"), Instant.ofEpochMilli(1000), Duration.ofMillis(250));
            var out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            assertThat(out.readRecordsToList()).extracting(TestRecord::timestamp, TestRecord::value, TestRecord::key)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1000L, "a", null),
                            org.assertj.core.groups.Tuple.tuple(1250L, "b", null),
                            org.assertj.core.groups.Tuple.tuple(1500L, "c", null));
        }
    }

    @Test
    void testRecordsCopyConsumerAndProducerRecords() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", "1".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>("t", 2, 7, 1234L, TimestampType.CREATE_TIME,
                1, 1, "k", "v", headers, java.util.Optional.empty());
        TestRecord<String, String> fromConsumed = new TestRecord<>(consumed);
        assertThat(fromConsumed).isEqualTo(new TestRecord<>("k", "v", headers, 1234L));
        assertThat(fromConsumed.headers().lastHeader("h").value()).containsExactly('1');

        TestRecord<String, String> fromProduced = new TestRecord<>(new ProducerRecord<>("t", null, 99L, "k", "v", headers));
        assertThat(fromProduced.getRecordTime()).isEqualTo(Instant.ofEpochMilli(99));
        assertThat(new TestRecord<>(new ProducerRecord<>("t", "k", "v")).getRecordTime()).isNull();
    }
}
