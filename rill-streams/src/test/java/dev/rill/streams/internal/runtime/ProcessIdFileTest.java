package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process id kept in the state directory: the same across runs, never shared by two live instances. */
class ProcessIdFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReuseTheStoredIdAfterARestart() {
        String first;
        try (ProcessIdFile f = ProcessIdFile.acquire(dir.resolve("app"))) {
            first = f.processId();
        }
        try (ProcessIdFile again = ProcessIdFile.acquire(dir.resolve("app"))) {
            assertThat(again.processId()).isEqualTo(first);
        }
        assertThat(UUID.fromString(first).toString()).isEqualTo(first);
    }

    @Test
    void shouldTakeANewIdWhileAnotherInstanceHoldsTheFile() {
        try (ProcessIdFile holder = ProcessIdFile.acquire(dir);
             ProcessIdFile second = ProcessIdFile.acquire(dir)) {
            assertThat(second.processId()).isNotEqualTo(holder.processId());
        }
    }

    @Test
    void shouldReplaceAnUnreadableId() throws Exception {
        Files.writeString(dir.resolve(ProcessIdFile.FILE_NAME), "not a uuid, and longer than the new id will be\n");
        String id;
        try (ProcessIdFile f = ProcessIdFile.acquire(dir)) {
            id = f.processId();
        }
        assertThat(Files.readString(dir.resolve(ProcessIdFile.FILE_NAME)).trim()).isEqualTo(id);
    }
}
