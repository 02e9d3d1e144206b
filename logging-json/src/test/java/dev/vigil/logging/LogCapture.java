package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures the real Logback context of the test JVM from scratch with Vigil's setup, its console going to memory,
 * and reads back every byte as JSON lines. Settings come from the map given, never from the machine's environment.
 */
final class LogCapture implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    final Sink console;
    final VigilAsyncAppender async;

    LogCapture(Map<String, String> settings) {
        this(settings, new Sink());
    }

    LogCapture(Map<String, String> settings, Sink console) {
        this.console = console;
        context.reset();
        Map<String, String> s = new HashMap<>(settings);
        Properties props = new Properties();
        s.forEach((k, v) -> {
            if (k.startsWith(LogSettings.LEVEL + '.')) {
                props.setProperty(k, v);
            }
        });
        this.async = LogbackSetup.configure(context, LogSettings.from(s::get, props, Map.of()), console);
    }

    /** Writes out everything queued: stopping Vigil's appender drains its queue within its flush bound. */
    void flush() {
        async.stop();
    }

    /** @return every console line, each parsed as one JSON object (fails on a line that is not JSON) */
    List<JsonNode> lines() {
        return parse(console.text());
    }

    static List<JsonNode> parse(String text) {
        List<JsonNode> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        assertThat(text).endsWith("\n");
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("a JSON object per line: %s", line).isTrue();
            out.add(node);
        }
        return out;
    }

    @Override
    public void close() {
        context.reset();
    }

    /** An in-memory console that a test can stall: while stalled, every write blocks the writer thread. */
    static class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final java.util.concurrent.CountDownLatch writerStuck = new java.util.concurrent.CountDownLatch(1);
        private boolean stalled;

        /** Waits until the writer thread is blocked in a stalled write. */
        boolean awaitWriterStuck() throws InterruptedException {
            return writerStuck.await(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        synchronized void stall() {
            stalled = true;
        }

        synchronized void release() {
            stalled = false;
            notifyAll();
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            long deadline = System.nanoTime() + 30_000_000_000L; // a test never hangs: a stall lasts 30 s at most
            while (stalled && System.nanoTime() < deadline) {
                writerStuck.countDown();
                try {
                    wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized byte[] raw() {
            return bytes.toByteArray();
        }
    }
}
