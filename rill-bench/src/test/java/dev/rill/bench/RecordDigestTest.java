package dev.rill.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordDigestTest {

    private static RecordDigest digestOf(List<String[]> records) {
        RecordDigest digest = new RecordDigest();
        records.forEach(r -> digest.add(r[0], r[1]));
        return digest;
    }

    private static final List<String[]> RECORDS = List.of(
            new String[] {"unknown", "a"}, new String[] {"unknown", "b"}, new String[] {"k", "c"});

    @Test
    void shouldMatchTheSameRecordsInAnyOrder() {
        RecordDigest forward = digestOf(RECORDS);
        RecordDigest reversed = digestOf(List.of(RECORDS.get(2), RECORDS.get(1), RECORDS.get(0)));

        assertThat(forward.matches(reversed)).isTrue();
        assertThat(reversed.verdictAgainst(forward, "out").correct()).isTrue();
    }

    @Test
    void shouldRejectAMissingRecord() {
        Verdict verdict = digestOf(RECORDS.subList(0, 2)).verdictAgainst(digestOf(RECORDS), "out");

        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.detail()).contains("expected 3 records").contains("found 2 records").contains("missing");
    }

    @Test
    void shouldRejectADuplicateEvenWhenTheCountIsPadded() {
        // one record duplicated and another lost: same count, different content
        RecordDigest duplicated = digestOf(List.of(RECORDS.get(0), RECORDS.get(0), RECORDS.get(2)));

        Verdict verdict = duplicated.verdictAgainst(digestOf(RECORDS), "out");

        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.detail()).contains("same count, different content");
    }

    @Test
    void shouldTellKeyAndValueBoundariesApart() {
        RecordDigest one = new RecordDigest();
        one.add("ab", "c");
        RecordDigest other = new RecordDigest();
        other.add("a", "bc");

        assertThat(one.matches(other)).isFalse();
    }

    @Test
    void shouldTellANullKeyFromAnEmptyOne() {
        RecordDigest nullKey = new RecordDigest();
        nullKey.add((String) null, "v");
        RecordDigest emptyKey = new RecordDigest();
        emptyKey.add("", "v");

        assertThat(nullKey.matches(emptyKey)).isFalse();
    }

    @Test
    void shouldHashStringsAsTheirUtf8Bytes() {
        RecordDigest strings = new RecordDigest();
        strings.add("unknown", "zahlung €");
        RecordDigest bytes = new RecordDigest();
        bytes.add("unknown".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "zahlung €".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(strings.matches(bytes)).isTrue();
    }
}
