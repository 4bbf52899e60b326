package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.Materialized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unusable state.dir is reported when the instance is created, with what is wrong and what to do. */
class StateDirValidationTest {
    @TempDir
    Path tmp;

    private static Properties props(Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "state-dir-check");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return p;
    }

    private static Topology counting() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey().count(Materialized.as("counts"));
        return b.build();
    }

    private static Topology stateless() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").filter((k, v) -> v != null).to("out");
        return b.build();
    }

    @Test
    void shouldRejectAStateDirThatIsAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> new RillStreams(counting(), props(file)))
                .isInstanceOf(StreamsException.class)
                .hasMessage("state.dir=" + file + " is a file, not a directory. Rill keeps the topology's state stores"
                        + " and their checkpoints under state.dir; set state.dir to a directory this process can create"
                        + " and write, or fix the permissions of this one.");
    }

    @Test
    void shouldRejectAStateDirThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path below = file.resolve("state");
        assertThatThrownBy(() -> new RillStreams(counting(), props(below)))
                .isInstanceOf(StreamsException.class)
                .hasMessageStartingWith("state.dir=" + below + " does not exist and cannot be created (")
                .hasMessageContaining("set state.dir to a directory this process can create and write");
    }

    @Test
    void shouldRejectAStateDirThatIsNotWritable() throws Exception {
        Path readOnly = Files.createDirectory(tmp.resolve("read-only"));
        readOnly.toFile().setWritable(false, false);
        if (Files.isWritable(readOnly)) {
            readOnly = Path.of("/proc"); // running as root, permissions do not stop writes; /proc refuses everyone
        }
        assumeThat(Files.isDirectory(readOnly)).as("a directory no one can write").isTrue();
        Path dir = readOnly;
        assertThatThrownBy(() -> new RillStreams(counting(), props(dir)))
                .isInstanceOf(StreamsException.class)
                .hasMessageStartingWith("state.dir=" + dir + " is not writable by this process (")
                .hasMessageContaining("set state.dir to a directory this process can create and write");
    }

    @Test
    void shouldRejectAFileWhereTheApplicationDirectoryBelongs() throws Exception {
        Files.writeString(tmp.resolve("state-dir-check"), "x");
        assertThatThrownBy(() -> new RillStreams(counting(), props(tmp)))
                .isInstanceOf(StreamsException.class)
                .hasMessageStartingWith("state.dir=" + tmp + " holds a file state-dir-check where the directory of"
                        + " application.id=state-dir-check belongs.");
    }

    @Test
    void shouldCreateAMissingStateDirAndLeaveStatelessTopologiesAlone() throws Exception {
        Path missing = tmp.resolve("a/b/state");
        new RillStreams(counting(), props(missing)).close();
        assertThat(missing.resolve("state-dir-check")).isDirectory();
        // the write check leaves nothing behind; the process id a restart reuses stays (Kafka Streams keeps its own)
        assertThat(missing.resolve("state-dir-check").toFile().list()).containsExactly("rill-process.id");

        Path file = Files.writeString(tmp.resolve("file"), "x");
        RillStreams stateless = new RillStreams(stateless(), props(file));
        stateless.close();
        assertThat(stateless.state()).isEqualTo(RillStreams.State.NOT_RUNNING);
    }
}
