package dev.rill.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentInputTest {

    @Test
    void shouldGenerateTheSameRecordsForTheSameSeed() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        new PaymentInput(1000, 7).forEach((k, v) -> first.add(k + "=" + v));
        new PaymentInput(1000, 7).forEach((k, v) -> second.add(k + "=" + v));

        assertThat(first).hasSize(1000).isEqualTo(second);
    }

    @Test
    void shouldMakeExactlyEveryTenthKeyUnknown() {
        for (long count : new long[] {10, 17, 18, 1000, 12_345}) {
            AtomicLong unknown = new AtomicLong();
            new PaymentInput(count, 1).forEach((k, v) -> {
                if (PaymentInput.UNKNOWN_KEY.equals(k)) {
                    unknown.incrementAndGet();
                }
            });
            assertThat(unknown.get()).as("unknown keys among %d records", count).isEqualTo(new PaymentInput(count, 1).unknownCount());
        }
        assertThat(new PaymentInput(1000, 1).unknownCount()).isEqualTo(100);
    }

    @Test
    void shouldMakeRecordsOfAbout110Bytes() {
        AtomicLong bytes = new AtomicLong();
        new PaymentInput(10_000, 3).forEach((k, v) ->
                bytes.addAndGet(k.getBytes(StandardCharsets.UTF_8).length + v.getBytes(StandardCharsets.UTF_8).length));

        assertThat(bytes.get() / 10_000.0).isBetween(100.0, 125.0);
    }

    @Test
    void shouldDigestOnlyTheSelectedRecords() {
        PaymentInput input = new PaymentInput(5000, 11);

        assertThat(input.digest(PaymentInput.Selection.UNKNOWN_KEYS_WITH_KEY).count()).isEqualTo(500);
        assertThat(input.digest(PaymentInput.Selection.ALL_VALUES).count()).isEqualTo(5000);
        assertThat(new PaymentInput(5000, 12).digest(PaymentInput.Selection.ALL_VALUES)
                .matches(input.digest(PaymentInput.Selection.ALL_VALUES))).isFalse();
    }

    @Test
    void shouldRejectATinyInput() {
        assertThatThrownBy(() -> new PaymentInput(3, 1)).hasMessageContaining("at least 10 records, was 3");
    }

    @Test
    void shouldDrawKeysFromTheGivenNumberOfAccountsAndCountThemExactly() {
        PaymentInput input = new PaymentInput(20_000, 3, 50);

        java.util.Map<String, Long> counts = input.countsPerKey();

        assertThat(counts).containsKey(PaymentInput.UNKNOWN_KEY);
        assertThat(counts).hasSizeBetween(2, 51);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        assertThat(counts.get(PaymentInput.UNKNOWN_KEY)).isEqualTo(input.unknownCount());
        assertThat(counts.keySet()).allMatch(k -> k.equals(PaymentInput.UNKNOWN_KEY) || k.compareTo("acct-0000050") < 0);
    }

    @Test
    void shouldKeepTheSeedInputWhenTheSeedAccountsAreGivenExplicitly() {
        List<String> implicit = new ArrayList<>();
        List<String> explicit = new ArrayList<>();
        new PaymentInput(500, 9).forEach((k, v) -> implicit.add(k + "=" + v));
        new PaymentInput(500, 9, PaymentInput.SEED_ACCOUNTS).forEach((k, v) -> explicit.add(k + "=" + v));

        assertThat(explicit).isEqualTo(implicit);
    }

    @Test
    void shouldRejectAnAccountCountOutOfRange() {
        assertThatThrownBy(() -> new PaymentInput(100, 1, 0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> new PaymentInput(100, 1, PaymentInput.SEED_ACCOUNTS + 1))
                .hasMessageContaining("between 1 and 10000000");
    }
}
