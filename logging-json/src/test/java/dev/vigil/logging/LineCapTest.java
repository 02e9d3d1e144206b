package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** No line exceeds vigil.logging.max-line-bytes: the stack trace goes first, then the message; never a split line. */
class LineCapTest {
    private final Logger log = LoggerFactory.getLogger(LineCapTest.class);
    private LogCapture capture;

    @AfterEach
    void tearDown() {
        capture.close();
    }

    /** An exception whose stack trace prints as well over 100 KB (the JVM records at most 1024 real frames). */
    static RuntimeException deep(int frames) {
        RuntimeException e = new IllegalStateException("bottom", new IllegalArgumentException("the cause"));
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = new StackTraceElement("com.acme.extraction.pipeline.stage.Stage" + i, "process", "Stage.java", i + 1);
        }
        e.setStackTrace(stack);
        return e;
    }

    private String singleLine() {
        capture.flush();
        byte[] raw = capture.console.raw();
        String text = new String(raw, StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> c == '\n').count()).as("one line").isEqualTo(1);
        return text;
    }

    @Test
    void aHundredKilobyteStackTraceIsShortenedToTheDefaultCap() {
        capture = new LogCapture(Map.of());
        RuntimeException e = deep(1_500);
        log.error("Extraction failed for document 42", e);
        String text = singleLine();

        assertThat(stackTraceLength(e)).as("the test's premise").isGreaterThan(100_000);
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(16_384).isGreaterThan(15_000);
        JsonNode line = capture.lines().get(0);
        assertThat(line.get("message").asString()).isEqualTo("Extraction failed for document 42");
        assertThat(line.get("error").get("stack_trace").asString())
                .startsWith("java.lang.IllegalStateException: bottom").endsWith(Shortening.STACK_MARK);
        assertThat(line.get("error").get("stack_hash").asString()).isNotEmpty();
    }

    @Test
    void aHugeMessageIsShortenedAfterTheStackTrace() {
        capture = new LogCapture(Map.of("vigil.logging.max-line-bytes", "2048"));
        log.warn("x".repeat(10_000), new IllegalStateException("boom"));
        String text = singleLine();

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2_048);
        JsonNode line = capture.lines().get(0);
        assertThat(line.get("message").asString()).startsWith("xxxx").endsWith(Shortening.TEXT_MARK);
        assertThat(line.get("error").get("stack_trace").asString()).hasSizeLessThanOrEqualTo(Shortening.STACK_MARK.length());
    }

    @Test
    void hugeKeyValuesLeaveOnlyTheIdentifyingFields() {
        capture = new LogCapture(Map.of("vigil.logging.max-line-bytes", "1024"));
        log.atInfo().addKeyValue("blob", "é".repeat(5_000)).setMessage("stored \"it\"").log();
        String text = singleLine();

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_024);
        JsonNode line = capture.lines().get(0);
        assertThat(line.get("truncated").asBoolean()).isTrue();
        assertThat(line.get("message").asString()).isEqualTo("stored \"it\"");
        assertThat(line.get("logger").asString()).isEqualTo(LineCapTest.class.getName());
        assertThat(line.has("blob")).isFalse();
    }

    private static int stackTraceLength(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString().length();
    }
}
