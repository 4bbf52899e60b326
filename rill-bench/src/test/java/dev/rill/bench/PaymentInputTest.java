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
}
