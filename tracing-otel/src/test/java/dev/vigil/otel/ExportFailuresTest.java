package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The failure line: once per kind per minute, with what was suppressed meanwhile, and never an exception's text. */
class ExportFailuresTest {
    private static final String ENDPOINT = "http://collector:4318/v1/traces";

    @Test
    void eachKindIsLoggedOnceAMinuteWithTheFailuresAndSpansSinceItsLastLine() {
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        ExportFailures failures = new ExportFailures(ENDPOINT, 10_000, now::get);
        try (LogCapture logs = new LogCapture()) {
            failures.failed(new ConnectException("Failed to connect"), 10);
            failures.failed(new ConnectException("Failed to connect"), 20);
            failures.failed(new SocketTimeoutException("timeout"), 5);       // another kind: its own line
            now.addAndGet(TimeUnit.SECONDS.toNanos(59));
            failures.failed(new ConnectException("Failed to connect"), 30);
            assertThat(logs.from("dev.vigil.otel")).extracting(LogRecord::getMessage).containsExactly(
                    "Vigil: spans could not be exported to " + ENDPOINT + ": connection refused; 10 spans dropped"
                            + " (counted in vigil.dropped; this failure is logged at most once a minute)",
                    "Vigil: spans could not be exported to " + ENDPOINT + ": no answer within the export timeout of"
                            + " 10000 ms; 5 spans dropped (counted in vigil.dropped; this failure is logged at most once a minute)");

            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
            failures.failed(new ConnectException("Failed to connect"), 1);
            assertThat(logs.from("dev.vigil.otel")).hasSize(3).last().extracting(LogRecord::getMessage).asString()
                    .contains("connection refused; 51 spans dropped in 3 failed exports");
            assertThat(logs.from("dev.vigil.otel")).allMatch(r -> r.getThrown() == null);
        }
    }

    @Test
    void reasonsComeFromTheKindOfFailureNeverFromItsMessage() {
        ExportFailures failures = new ExportFailures(ENDPOINT, 250);
        assertThat(failures.classify(new IOException("wrapped", new ConnectException("x")))).containsExactly("refused", "connection refused");
        assertThat(failures.classify(null)[0]).isEqualTo("failed");
        assertThat(failures.classify(new IllegalStateException("header value: Bearer s3cret")))
                .containsExactly("java.lang.IllegalStateException", "java.lang.IllegalStateException");
        failures.cancelling(); // close gave up waiting: whatever the exception, that is the reason
        assertThat(failures.classify(new IOException("Socket closed"))[0]).isEqualTo("cancelled");
    }

    @Test
    void theEndpointIsShownWithoutUserInfoOrQuery() {
        assertThat(ExportFailures.display("https://user:s3cret@collector.example:4318/v1/traces?token=s3cret"))
                .isEqualTo("https://collector.example:4318/v1/traces");
        assertThat(ExportFailures.display("not a url")).isEqualTo("the configured endpoint");
    }
}
