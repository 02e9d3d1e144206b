package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.AuditOutcome;
import dev.vigil.Vigil;
import dev.vigil.context.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/** vigil.logging.format=ecs writes Elastic Common Schema fields, each with a value of its ECS type. */
@SuppressWarnings("try")
class EcsFormatTest {
    /**
     * The ECS 8.11 fields the ECS form may write, with their ECS types (from the ECS field reference). {@code labels.*}
     * is ECS's object of keyword values.
     */
    static final Map<String, String> ECS_TYPES = Map.ofEntries(
            Map.entry("@timestamp", "date"),
            Map.entry("ecs.version", "keyword"),
            Map.entry("log.level", "keyword"),
            Map.entry("log.logger", "keyword"),
            Map.entry("process.thread.name", "keyword"),
            Map.entry("message", "match_only_text"),
            Map.entry("service.name", "keyword"),
            Map.entry("service.environment", "keyword"),
            Map.entry("service.version", "keyword"),
            Map.entry("trace.id", "keyword"),
            Map.entry("span.id", "keyword"),
            Map.entry("user.id", "keyword"),
            Map.entry("error.type", "keyword"),
            Map.entry("error.message", "match_only_text"),
            Map.entry("error.stack_trace", "wildcard"),
            Map.entry("event.kind", "keyword"),
            Map.entry("event.action", "keyword"),
            Map.entry("event.outcome", "keyword"),
            Map.entry("labels.*", "keyword"));
    /** ECS's allowed values for the fields that have them. */
    static final Map<String, Set<String>> ECS_VALUES = Map.of(
            "event.outcome", Set.of("success", "failure", "unknown"),
            "event.kind", Set.of("alert", "asset", "enrichment", "event", "metric", "state", "pipeline_error", "signal"));

    private final Logger log = LoggerFactory.getLogger("shop.Checkout");
    private LogCapture capture;

    @BeforeEach
    void setUp() {
        Vigil.builder().discoverBackends(false).serviceName("shop").environment("prod").serviceVersion("1.4.2")
                .property("vigil.privacy.user-id-key", JsonLineTest.KEY).install();
        ServiceFields.install(Vigil.global().config());
        capture = new LogCapture(Map.of("vigil.logging.format", "ecs"));
    }

    @AfterEach
    void tearDown() {
        capture.close();
        MDC.clear();
        ServiceFields.reset();
        Vigil.resetGlobalForTest().close();
    }

    @Test
    void everyFieldIsAnEcsFieldOfItsType() {
        MDC.put("tenant.id", "acme");
        try (Scope t = JsonLineTest.span(5, 6);
             Scope s = Vigil.global().context().put("request_id", "req-456");
             Scope u = Vigil.global().context().user("user-789")) {
            log.error("Document extraction failed", new IllegalStateException("extractor gave up"));
            Vigil.global().audit("auth.login").actor("user-789").target("account/42").outcome(AuditOutcome.FAILURE)
                    .field("method", "password").log();
        }
        capture.flush();

        List<JsonNode> lines = capture.lines();
        assertThat(lines).hasSize(2);
        for (JsonNode line : lines) {
            line.properties().forEach(e -> assertEcs(e.getKey(), e.getValue()));
        }
        JsonNode error = lines.get(0);
        assertThat(error.get("log.level").asString()).isEqualTo("ERROR");
        assertThat(error.get("trace.id").asString()).isEqualTo("4bf92f3577b34da60000000000000005");
        assertThat(error.get("span.id").asString()).isEqualTo("0000000000000006");
        assertThat(error.get("service.name").asString()).isEqualTo("shop");
        assertThat(error.get("labels.request_id").asString()).isEqualTo("req-456");
        assertThat(error.get("labels.tenant_id").asString()).isEqualTo("acme");
        assertThat(error.get("user.id").asString()).isEqualTo("9cf36f150d071eca");
        assertThat(error.get("error.type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("error.stack_trace").asString()).startsWith("java.lang.IllegalStateException: extractor gave up");
        assertThat(error.has("trace_flags") || error.has("error")).isFalse();
        JsonNode audit = lines.get(1);
        assertThat(audit.get("event.action").asString()).isEqualTo("auth.login");
        assertThat(audit.get("event.outcome").asString()).isEqualTo("failure");
        assertThat(audit.get("user.id").asString()).isEqualTo("9cf36f150d071eca");
        assertThat(audit.get("labels.target").asString()).isEqualTo("account/42");
        assertThat(audit.get("labels.method").asString()).isEqualTo("password");
    }

    private static void assertEcs(String name, JsonNode value) {
        String type = ECS_TYPES.get(name.startsWith("labels.") ? "labels.*" : name);
        assertThat(type).as("%s is an ECS field", name).isNotNull();
        if (name.startsWith("labels.")) {
            assertThat(name.substring("labels.".length())).as("a label key holds no dot").doesNotContain(".");
        }
        switch (type) {
            case "date":
                assertThat(value.isString()).isTrue();
                Instant.parse(value.asString()); // throws unless ISO 8601
                break;
            case "keyword":
            case "match_only_text":
            case "wildcard":
                assertThat(value.isString()).as("%s is a string", name).isTrue();
                break;
            default:
                throw new AssertionError("no check for ECS type " + type);
        }
        if (ECS_VALUES.containsKey(name)) {
            assertThat(ECS_VALUES.get(name)).as("allowed values of %s", name).contains(value.asString());
        }
    }
}
