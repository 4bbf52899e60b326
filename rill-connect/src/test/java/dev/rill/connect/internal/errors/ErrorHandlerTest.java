package dev.rill.connect.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {

    @Test
    void shouldRetryRetriableFailuresWithinTheRetryTimeout() {
        ErrorHandler h = new ErrorHandler(10_000, 5, false);
        AtomicInteger calls = new AtomicInteger();
        String result = h.execute(Stage.TASK_PUT, getClass(), null, null, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new RetriableException("not yet");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(h.lastFailed()).isFalse();
    }

    @Test
    void shouldFailWithToleranceExceededAndReportWhenToleranceIsNone() {
        ErrorHandler h = new ErrorHandler(0, 5, false);
        List<ErrorContext> reported = new ArrayList<>();
        h.addReporter(c -> {
            reported.add(c);
            return CompletableFuture.completedFuture(null);
        });
        assertThatThrownBy(() -> h.execute(Stage.VALUE_CONVERTER, String.class, null, null, () -> {
            throw new DataException("bad bytes");
        })).isInstanceOf(ConnectException.class).hasMessage("Tolerance exceeded in error handler")
                .hasCauseInstanceOf(DataException.class);
        assertThat(reported).singleElement().satisfies(c -> {
            assertThat(c.stage()).isEqualTo(Stage.VALUE_CONVERTER);
            assertThat(c.executingClass()).isEqualTo(String.class);
        });
    }

    @Test
    void shouldSkipTheRecordWhenToleranceIsAll() {
        ErrorHandler h = new ErrorHandler(0, 5, true);
        Object result = h.execute(Stage.TRANSFORMATION, getClass(), null, null, () -> {
            throw new IllegalStateException("nope");
        });
        assertThat(result).isNull();
        assertThat(h.lastFailed()).isTrue();
        assertThat(h.errorCount()).isEqualTo(1);
    }
}
