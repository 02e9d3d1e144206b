package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.AuditOutcome;
import dev.vigil.Vigil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** With vigil.logging.files.dir: app.log has every line, error.log exactly the ERROR lines, audit.log exactly the audit events. */
class FilesTest {
    private final Logger log = LoggerFactory.getLogger("shop.Files");
    private LogCapture capture;

    @AfterEach
    void tearDown() {
        capture.close();
    }

    @Test
    void eachFileHoldsExactlyItsLines(@TempDir Path dir) throws Exception {
        capture = new LogCapture(Map.of("vigil.logging.files.dir", dir.toString(), "vigil.logging.files.max-size", "10MB",
                "vigil.logging.files.max-history", "3"));
        for (int i = 0; i < 20; i++) {
            log.info("info {}", i);
            if (i % 4 == 0) {
                log.error("error {}", i, new IllegalStateException("boom " + i));
            }
            if (i % 5 == 0) {
                log.warn("warn {}", i);
            }
            if (i % 10 == 0) {
                Vigil.noop().audit("data.export").actor("u" + i).outcome(AuditOutcome.SUCCESS).field("rows", Integer.toString(i)).log();
            }
        }
        capture.flush();

        List<JsonNode> console = capture.lines();
        List<JsonNode> app = read(dir.resolve("app.log"));
        List<JsonNode> error = read(dir.resolve("error.log"));
        List<JsonNode> audit = read(dir.resolve("audit.log"));
        assertThat(console).hasSize(20 + 5 + 4 + 2);
        assertThat(app).extracting(JsonNode::toString).containsExactlyElementsOf(console.stream().map(JsonNode::toString).toList());
        assertThat(error).extracting(l -> l.get("message").asString())
                .containsExactly("error 0", "error 4", "error 8", "error 12", "error 16");
        assertThat(error).allSatisfy(l -> assertThat(l.get("error").get("message").asString()).startsWith("boom"));
        assertThat(audit).extracting(l -> l.get("audit").get("action").asString() + "/" + l.get("audit").get("rows").asString())
                .containsExactly("data.export/0", "data.export/10");
        assertThat(audit).allSatisfy(l -> assertThat(l.get("logger").asString()).isEqualTo("audit"));
    }

    private static List<JsonNode> read(Path file) throws Exception {
        assertThat(file).exists();
        return LogCapture.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }
}
