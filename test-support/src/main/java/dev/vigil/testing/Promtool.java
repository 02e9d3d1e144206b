package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code promtool check metrics} on a scrape and asserts it reports nothing: no error, no lint. The tool is
 * found on the {@code PATH} or at {@code /usr/bin/promtool} (Debian's {@code prometheus} package); when it is absent
 * the calling test is skipped with a message saying how to install it.
 */
public final class Promtool {
    private Promtool() {
    }

    /**
     * @param scrape a Prometheus text scrape (format 0.0.4)
     * @throws AssertionError when promtool reports anything or fails
     */
    public static void assertClean(String scrape) {
        Path tool = find();
        Assumptions.assumeTrue(tool != null,
                "promtool not found on PATH or at /usr/bin/promtool: install it (apt-get install -y prometheus)");
        try {
            Process p = new ProcessBuilder(tool.toString(), "check", "metrics").redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(scrape.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool check metrics did not finish within 30 s");
            }
            String report = output.get(5, TimeUnit.SECONDS).trim();
            if (p.exitValue() != 0 || !report.isEmpty()) {
                throw new AssertionError("promtool check metrics (exit " + p.exitValue() + ") reported:\n" + report
                        + "\n--- scrape ---\n" + scrape);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running promtool", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("could not read promtool's output", e);
        }
    }

    /** @return promtool's path, or null when it is not installed */
    public static Path find() {
        return ToolRunner.find("promtool");
    }

    /**
     * Asserts {@code promtool check rules} accepts a rule file. Unlike {@link #assertClean(String)}, a missing
     * promtool fails the test, unless {@code -Dvigil.test.tools=optional}, which skips it.
     *
     * @param rules a Prometheus rule file
     * @return promtool's report
     * @throws AssertionError with the report when promtool refuses the file
     */
    public static String checkRules(Path rules) {
        Path file = rules.toAbsolutePath();
        return ToolRunner.runOk(file.getParent(), ToolRunner.require("promtool", "prometheus"), "check", "rules",
                file.getFileName().toString());
    }

    /**
     * Runs {@code promtool test rules} on a unit test file, from its directory (its {@code rule_files} are relative
     * to it). A missing promtool fails the test, unless {@code -Dvigil.test.tools=optional}.
     *
     * @param tests a {@code promtool test rules} file
     * @return promtool's report
     * @throws AssertionError with the report when a test fails
     */
    public static String testRules(Path tests) {
        Path file = tests.toAbsolutePath();
        return ToolRunner.runOk(file.getParent(), ToolRunner.require("promtool", "prometheus"), "test", "rules",
                file.getFileName().toString());
    }

    private static String read(InputStream in) {
        return ToolRunner.read(in);
    }
}
