package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a processor can ask its context beyond records: its configuration by prefix and its task's directory. */
class ProcessorContextApiTest {
    @TempDir
    Path stateDir;

    @Test
    void aProcessorReadsItsOwnConfigurationByPrefixAndKnowsItsTaskDirectory() {
        Topology topology = new Topology();
        topology.addSource("src", "in").addProcessor("p", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                File dir = context.stateDir();
                context.forward(record.withValue(context.appConfigsWithPrefix("my.app.") + " "
                        + dir.getParentFile().getName() + "/" + dir.getName()));
            }
        }, "src").addSink("sink", "out", "p");

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "context-api");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("my.app.limit", "10");
        props.put("my.application", "not mine");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
            assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer())
                    .readValue()).isEqualTo("{limit=10} context-api/0_0");
        }
    }
}
