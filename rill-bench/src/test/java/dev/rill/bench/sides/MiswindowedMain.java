package dev.rill.bench.sides;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A deliberately wrong windowed side for the harness's own test: Kafka Streams' windowed count or stream–stream join
 * (the join when the properties name a second input) run with half the window the scenario asked for.
 */
public final class MiswindowedMain {

    private MiswindowedMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        long window = Long.parseLong(props.getProperty(SideMain.WINDOW_SIZE_MS));
        props.setProperty(SideMain.WINDOW_SIZE_MS, Long.toString(window / 2));
        Path halved = Path.of(args[0] + ".halved");
        try (Writer writer = Files.newBufferedWriter(halved)) {
            props.store(writer, "the scenario's properties with half the window");
        }
        if (props.containsKey(SideMain.OTHER_INPUT_TOPIC)) {
            KafkaStreamsJoinMain.main(new String[] {halved.toString()});
        } else {
            KafkaStreamsWindowedCountMain.main(new String[] {halved.toString()});
        }
    }
}
