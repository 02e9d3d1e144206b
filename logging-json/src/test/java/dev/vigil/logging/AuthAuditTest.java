package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** With vigil-logging-json present, every authentication attempt writes an audit event, without the user. */
class AuthAuditTest {
    private LogCapture capture;

    @BeforeEach
    void setUp() {
        Vigil.builder().discoverBackends(false).serviceName("shop").install();
        ServiceFields.install(Vigil.global().config());
        capture = new LogCapture(Map.of());
    }

    @AfterEach
    void tearDown() {
        capture.close();
        ServiceFields.reset();
        Vigil.resetGlobalForTest().close();
    }

    @Test
    void eachAttemptIsOneAuditLineWithOutcomeMethodAndReason() {
        Vigil.global().auth().attempt("password").success();
        Vigil.global().auth().attempt("password").failure("bad_password");
        capture.flush();

        List<JsonNode> lines = capture.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l.get("logger").asString()).isEqualTo("audit"));
        assertThat(lines.get(0).get("audit").toString())
                .isEqualTo("{\"action\":\"auth.attempt\",\"outcome\":\"success\",\"auth.method\":\"password\"}");
        assertThat(lines.get(1).get("audit").toString()).isEqualTo("{\"action\":\"auth.attempt\",\"outcome\":\"failure\","
                + "\"auth.method\":\"password\",\"auth.failure.reason\":\"bad_password\"}");
    }

    @Test
    void authAuditFalseKeepsOnlyTheMetrics() {
        Vigil.resetGlobalForTest().close();
        Vigil.builder().discoverBackends(false).serviceName("shop").property("vigil.auth.audit", "false").install();
        Vigil.global().auth().attempt("password").failure("bad_password");
        Vigil.global().audit("marker").log(); // flushed after the attempt: its line proves the attempt wrote none
        capture.flush();

        assertThat(capture.lines()).singleElement()
                .satisfies(l -> assertThat(l.get("audit").get("action").asString()).isEqualTo("marker"));
    }
}
