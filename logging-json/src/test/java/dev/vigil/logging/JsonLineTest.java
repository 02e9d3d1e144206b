package dev.vigil.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.AuditOutcome;
import dev.vigil.Vigil;
import dev.vigil.context.Context;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import dev.vigil.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/** Real Logback output through Vigil's encoder and async appender, every line parsed as JSON. */
@SuppressWarnings("try")
class JsonLineTest {
    static final String KEY = "0123456789abcdef-test-key";
    private final Logger log = LoggerFactory.getLogger("shop.Checkout");
    private LogCapture capture;

    @BeforeEach
    void setUp() {
        Vigil.builder().discoverBackends(false).serviceName("shop").environment("prod").serviceVersion("1.4.2")
                .property("vigil.privacy.user-id-key", KEY).install();
        ServiceFields.install(Vigil.global().config());
        capture = new LogCapture(Map.of());
    }

    @AfterEach
    void tearDown() {
        capture.close();
        MDC.clear();
        ServiceFields.reset();
        Vigil.resetGlobalForTest().close();
    }

    static Scope span(long traceLow, long spanId) {
        return Context.current().withSpan(SpanContext.create(0x4bf92f3577b34da6L, traceLow, spanId, SpanContext.FLAG_SAMPLED, null))
                .makeCurrent();
    }

    @Test
    void anErrorLineCarriesEveryDocumentedField() {
        Thread.currentThread().setName("http-1");
        try (Scope t = span(0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L);
             Scope s = Vigil.global().context().put("request_id", "req-456");
             Scope u = Vigil.global().context().user("user-789")) {
            log.error("Document extraction failed", new IllegalStateException("extractor gave up"));
        }
        capture.flush();

        List<JsonNode> lines = capture.lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(fieldNames(line)).containsExactly("timestamp", "level", "logger", "thread", "message", "service",
                "environment", "version", "trace_id", "span_id", "trace_flags", "context", "error");
        assertThat(line.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
        assertThat(line.get("level").asString()).isEqualTo("ERROR");
        assertThat(line.get("logger").asString()).isEqualTo("shop.Checkout");
        assertThat(line.get("thread").asString()).isEqualTo("http-1");
        assertThat(line.get("message").asString()).isEqualTo("Document extraction failed");
        assertThat(line.get("service").asString()).isEqualTo("shop");
        assertThat(line.get("environment").asString()).isEqualTo("prod");
        assertThat(line.get("version").asString()).isEqualTo("1.4.2");
        assertThat(line.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("span_id").asString()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.get("trace_flags").asString()).isEqualTo("01");
        assertThat(fieldNames(line.get("context"))).containsExactly("request_id", "user_id");
        assertThat(line.get("context").get("request_id").asString()).isEqualTo("req-456");
        assertThat(line.get("context").get("user_id").asString()).isEqualTo("9cf36f150d071eca"); // the HMAC, not user-789
        JsonNode error = line.get("error");
        assertThat(fieldNames(error)).containsExactly("type", "message", "stack_trace", "stack_hash");
        assertThat(error.get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("message").asString()).isEqualTo("extractor gave up");
        assertThat(error.get("stack_trace").asString()).startsWith("java.lang.IllegalStateException: extractor gave up")
                .contains("anErrorLineCarriesEveryDocumentedField");
        assertThat(error.get("stack_hash").asString()).matches("[0-9a-f]{8}");
    }

    @Test
    void withoutASpanThereAreNoTraceFieldsAndNoEmptyObjects() {
        log.info("plain");
        capture.flush();
        JsonNode line = capture.lines().get(0);
        assertThat(fieldNames(line)).containsExactly("timestamp", "level", "logger", "thread", "message", "service",
                "environment", "version");
    }

    @Test
    void theTraceIdIsTheCallersThroughTheAsyncAppender() throws Exception {
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 1; i <= 8; i++) {
            long n = i;
            Thread t = new Thread(() -> {
                try (Scope s = span(n, 0x1000 + n)) {
                    for (int k = 0; k < 50; k++) {
                        log.info("work {}", n);
                    }
                } finally {
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        capture.flush();

        List<JsonNode> lines = capture.lines();
        assertThat(lines).hasSize(400);
        for (JsonNode line : lines) {
            long n = Long.parseLong(line.get("message").asString().substring("work ".length()));
            assertThat(line.get("trace_id").asString()).isEqualTo(String.format("4bf92f3577b34da6%016x", n));
            assertThat(line.get("span_id").asString()).isEqualTo(String.format("%016x", 0x1000 + n));
            assertThat(line.get("thread").asString()).isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void aMessageWithCrLfIsExactlyOneLine() {
        log.warn("first line\r\nsecond line\nthird\rfourth");
        capture.flush();
        String text = capture.console.text();
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(text.indexOf('\r')).isEqualTo(-1);
        assertThat(capture.lines().get(0).get("message").asString()).isEqualTo("first line\r\nsecond line\nthird\rfourth");
    }

    @Test
    void keyValuesAndStructuredArgumentsBecomeTopLevelFields() {
        MDC.put("tenant", "acme");
        log.atInfo().addKeyValue("order_id", "o-1").addKeyValue("items", 3).setMessage("placed {}").addArgument(kv("plan", "pro")).log();
        capture.flush();
        JsonNode line = capture.lines().get(0);
        assertThat(line.get("order_id").asString()).isEqualTo("o-1");
        assertThat(line.get("items").asInt()).isEqualTo(3);
        assertThat(line.get("plan").asString()).isEqualTo("pro");
        assertThat(line.get("message").asString()).isEqualTo("placed plan=pro");
        assertThat(line.get("context").get("tenant").asString()).isEqualTo("acme");
    }

    @Test
    void anAuditEventIsOneLineWithItsAuditObjectAndTheTrace() {
        try (Scope t = span(7, 8)) {
            Vigil.global().audit("auth.login").actor("user-789").target("account/42").outcome(AuditOutcome.FAILURE)
                    .field("method", "password").field("reason", "bad_password").log();
        }
        capture.flush();
        JsonNode line = capture.lines().get(0);
        assertThat(line.get("logger").asString()).isEqualTo("audit");
        assertThat(line.get("trace_id").asString()).isEqualTo("4bf92f3577b34da60000000000000007");
        assertThat(line.get("audit").toString()).isEqualTo("{\"action\":\"auth.login\",\"actor\":\"9cf36f150d071eca\","
                + "\"target\":\"account/42\",\"outcome\":\"failure\",\"method\":\"password\",\"reason\":\"bad_password\"}");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
