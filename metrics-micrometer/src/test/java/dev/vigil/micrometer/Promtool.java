package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's own linter, {@code promtool check metrics}, on a scrape. Found on the {@code PATH} or in
 * {@code /usr/bin} (Debian's {@code prometheus} package); when it is absent the calling test is skipped with
 * a message saying how to install it, and CI fails if that happens there.
 */
final class Promtool {
    private static final long TIMEOUT_SECONDS = 60;

    private Promtool() {
    }

    /** @return the promtool executable, or null */
    static Path find() {
        // PATH is read only to locate a tool; what the tool reports does not depend on it.
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, "promtool");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        Path debian = Path.of("/usr/bin/promtool");
        return Files.isExecutable(debian) ? debian : null;
    }

    /**
     * Asserts that {@code promtool check metrics} finds no error and no lint problem in the scrape.
     *
     * @param scrape a Prometheus text scrape
     */
    static void assertClean(String scrape) throws IOException, InterruptedException {
        Path promtool = find();
        assumeTrue(promtool != null, "promtool not found on PATH or in /usr/bin: install it (Debian: apt-get install"
                + " -y prometheus) to lint the scrape; this test is skipped");
        Path out = Files.createTempFile("promtool", ".txt");
        try {
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(scrape.getBytes(StandardCharsets.UTF_8));
            }
            boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String report = Files.readString(out);
            assertThat(finished).as("promtool finished within %d s", TIMEOUT_SECONDS).isTrue();
            assertThat(report).as("promtool check metrics output").isEmpty();
            assertThat(p.exitValue()).as("promtool exit code; output: %s", report).isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
