package dev.rill.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.connect.file.internal.LineReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
    @TempDir
    Path dir;

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void shouldReturnOnlyCompleteLinesAndTheUnfinishedOneOnceItsNewlineArrives() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "alpha\nbe");
        try (LineReader reader = new LineReader(file, 0)) {
            assertThat(reader.read(10)).extracting(LineReader.Line::text).containsExactly("alpha");
            assertThat(reader.read(10)).isEmpty();
            append(file, "ta\r\ngamma\n");
            assertThat(reader.read(10)).extracting(LineReader.Line::text).containsExactly("beta", "gamma");
            assertThat(reader.position()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void shouldStopAtMaxLinesAndContinueWithTheNextLine() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "1\n22\n333\n4444\n");
        try (LineReader reader = new LineReader(file, 0)) {
            assertThat(reader.read(2)).extracting(LineReader.Line::text, LineReader.Line::endPosition)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1", 2L),
                            org.assertj.core.groups.Tuple.tuple("22", 5L));
            assertThat(reader.read(2)).extracting(LineReader.Line::text).containsExactly("333", "4444");
        }
    }

    @Test
    void shouldStartAtAGivenPositionAndDecodeUtf8() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "skip\nzürich €\n");
        try (LineReader reader = new LineReader(file, 5)) {
            assertThat(reader.read(10)).extracting(LineReader.Line::text).containsExactly("zürich €");
        }
    }

    @Test
    void shouldWaitForAFileThatDoesNotExistYet() throws Exception {
        Path file = dir.resolve("later.txt");
        try (LineReader reader = new LineReader(file, 0)) {
            assertThat(reader.read(10)).isEmpty();
            append(file, "here\n");
            assertThat(reader.read(10)).extracting(LineReader.Line::text).containsExactly("here");
        }
    }

    @Test
    void shouldReadFromTheStartAgainWhenTheFileWasTruncated() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "a long first line\n");
        try (LineReader reader = new LineReader(file, 0)) {
            assertThat(reader.read(10)).hasSize(1);
            Files.writeString(file, "new\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            assertThat(reader.read(10)).extracting(LineReader.Line::text).containsExactly("new");
        }
    }

    @Test
    void shouldReadLinesLongerThanItsReadBuffer() throws Exception {
        Path file = dir.resolve("in.txt");
        String longLine = "x".repeat(200_000);
        append(file, longLine + "\nshort\n");
        try (LineReader reader = new LineReader(file, 0)) {
            assertThat(reader.read(10)).extracting(LineReader.Line::text).containsExactly(longLine, "short");
        }
    }
}
