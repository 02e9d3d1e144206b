package dev.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs a command-line tool (promtool, amtool) for a test, bounded in time. A missing tool fails the test:
 * a check that silently did not run proves nothing. Only with {@code -Dvigil.test.tools=optional} is the test
 * skipped instead, for a developer's machine without the tools.
 */
final class ToolRunner {
    private static final long TIMEOUT_SECONDS = 60;

    private ToolRunner() {
    }

    /** @return the tool's path, or null when it is on neither the {@code PATH} nor {@code /usr/bin} */
    static Path find(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name);
                }
            }
        }
        Path usr = Path.of("/usr/bin", name);
        return Files.isExecutable(usr) ? usr : null;
    }

    /**
     * @param debianPackage the package that installs it, for the message
     * @return the tool's path; fails the test (or skips it, with {@code vigil.test.tools=optional}) when missing
     */
    static Path require(String name, String debianPackage) {
        Path tool = find(name);
        if (tool == null) {
            String message = name + " not found on PATH or in /usr/bin: install it (apt-get install -y " + debianPackage
                    + "), or run with -Dvigil.test.tools=optional to skip the tests that need it";
            Assumptions.assumeFalse("optional".equals(System.getProperty("vigil.test.tools")), message);
            throw new AssertionError(message);
        }
        return tool;
    }

    /**
     * Runs a tool and asserts it exits with 0.
     *
     * @param workingDirectory where it runs (rule files name each other relative to it)
     * @return its combined output
     * @throws AssertionError with the output when it fails or takes over a minute
     */
    static String runOk(Path workingDirectory, Path tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String report = output.get(5, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + report);
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not read the output of " + command, e);
        }
    }

    static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
