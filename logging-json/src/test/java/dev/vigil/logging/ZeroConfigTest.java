package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * In a JVM of its own: with no logback.xml, Logback's Configurator SPI gives Vigil's JSON on stdout; a logback.xml with
 * one include of the shipped file gives the same lines. The child's environment holds no VIGIL_ or OTEL_ variable.
 */
class ZeroConfigTest {
    @Test
    void withoutAnyLogbackXmlStdoutIsJsonLines() throws Exception {
        List<JsonNode> lines = run(null);
        assertThat(lines).extracting(l -> l.get("message").asString()).containsExactly("hello from main", "admin.config.change success");
        assertThat(lines.get(0).get("logger").asString()).isEqualTo("shop.Main");
        assertThat(lines.get(1).get("audit").get("action").asString()).isEqualTo("admin.config.change");
    }

    @Test
    void aLogbackXmlWithTheShippedIncludeGivesTheSameLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration>\n"
                + "  <include resource=\"dev/vigil/logging/vigil-logback-include.xml\"/>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"VIGIL\"/></root>\n"
                + "  <shutdownHook/>\n"
                + "</configuration>\n");
        List<JsonNode> lines = run(dir);
        assertThat(lines).extracting(l -> l.get("message").asString()).containsExactly("hello from main", "admin.config.change success");
        assertThat(JsonLineTest.fieldNames(lines.get(0))).isEqualTo(JsonLineTest.fieldNames(run(null).get(0)));
    }

    private static List<JsonNode> run(Path extraClassPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = (extraClassPath == null ? "" : extraClassPath + File.pathSeparator) + System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, ZeroConfigMain.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("OTEL_"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return LogCapture.parse(new String(out, StandardCharsets.UTF_8));
    }
}
