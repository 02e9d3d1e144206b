package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server for integration tests: Debian's {@code /usr/bin/prometheus} (or {@code prometheus} on the
 * {@code PATH}) as a child process on a free loopback port, scraping the given targets every second and evaluating
 * the given rule files every second, with its storage in a temporary directory. Every wait is bounded.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(List.of("127.0.0.1:" + port), List.of(rules))) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(20));
 *     List<PrometheusServer.Sample> up = prometheus.query("up");
 * }
 * }</pre>
 *
 * <p>When Prometheus is not installed the calling test fails, saying how to install it; it is skipped instead only
 * when the system property {@code vigil.test.tools=optional} is set.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** One sample of an instant query: the series' labels and its value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** One series of a range query: its labels and its points, oldest first, as {@code [unix seconds, value]}. */
    public record Series(Map<String, String> labels, List<double[]> points) {
    }

    private final Process process;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    private PrometheusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts Prometheus and waits until it is ready (at most 30 s).
     *
     * @param targets {@code host:port} of each service to scrape at {@code /metrics}, every second, as the job
     *     {@code vigil}
     * @param ruleFiles rule files to load, evaluated every second (copied into the server's directory)
     * @return the ready server
     * @throws AssertionError when Prometheus is missing, exits, or is not ready in time (its log is in the message)
     */
    public static PrometheusServer start(List<String> targets, List<Path> ruleFiles) {
        return start("vigil", targets, ruleFiles);
    }

    /**
     * Starts Prometheus with a scrape job of the given name: generated rules that select on {@code job} (Vigil's
     * {@code up == 0} alert) need the job they were generated for, by default the service's name.
     *
     * @param job the scrape job's name, the {@code job} label of every series
     * @param targets {@code host:port} of each service to scrape at {@code /metrics}, every second
     * @param ruleFiles rule files to load, evaluated every second
     * @return the ready server
     * @throws AssertionError when Prometheus is missing, exits, or is not ready in time (its log is in the message)
     */
    public static PrometheusServer start(String job, List<String> targets, List<Path> ruleFiles) {
        Path binary = find();
        if (binary == null) {
            String how = "prometheus not found on PATH or at /usr/bin/prometheus: install it (apt-get install -y prometheus)";
            Assumptions.assumeFalse("optional".equals(System.getProperty("vigil.test.tools")), how);
            throw new AssertionError(how);
        }
        try {
            Path dir = Files.createTempDirectory("vigil-prometheus");
            List<String> rules = new ArrayList<>();
            for (Path r : ruleFiles) {
                Path copy = dir.resolve("rules-" + rules.size() + ".yml");
                Files.copy(r, copy);
                rules.add(copy.toString());
            }
            Files.writeString(dir.resolve("prometheus.yml"), PrometheusConfig.yaml(job, targets, rules), StandardCharsets.UTF_8);
            int port = freePort();
            Process p = new ProcessBuilder(binary.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--enable-feature=exemplar-storage",
                    "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(p, dir, port);
            try {
                server.awaitReady();
            } catch (RuntimeException | AssertionError e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the prometheus binary's path, or null when it is not installed */
    public static Path find() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d.isEmpty() ? "." : d, "prometheus");
                if (!d.isEmpty() && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        Path usr = Path.of("/usr/bin/prometheus");
        return Files.isExecutable(usr) ? usr : null;
    }

    /** @return the server's base URL, {@code http://127.0.0.1:port} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until every scrape target is up.
     *
     * @param timeout the longest wait
     * @throws AssertionError when a target is still not up, with the last scrape error
     */
    public void awaitTargetsUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            List<?> active = (List<?>) MiniJson.at(api("/api/v1/targets"), "data", "activeTargets");
            last = active;
            if (active != null && !active.isEmpty()
                    && active.stream().allMatch(t -> "up".equals(MiniJson.at(t, "health")))) {
                return;
            }
            pause();
        }
        throw new AssertionError("scrape targets not up within " + timeout + ": " + last);
    }

    /**
     * Runs an instant query.
     *
     * @param promql the expression
     * @return its samples (empty for an empty result; a scalar is one sample without labels)
     * @throws AssertionError when Prometheus answers an error (a parse error names the expression)
     */
    public List<Sample> query(String promql) {
        return PrometheusResults.samples(MiniJson.at(api("/api/v1/query?query=" + encode(promql)), "data"));
    }

    /**
     * Runs a range query.
     *
     * @param promql the expression
     * @param startSeconds the first instant, unix seconds
     * @param endSeconds the last instant, unix seconds
     * @param stepSeconds the resolution
     * @return every series with its points
     */
    public List<Series> queryRange(String promql, double startSeconds, double endSeconds, double stepSeconds) {
        return PrometheusResults.series(MiniJson.at(api("/api/v1/query_range?query=" + encode(promql) + "&start="
                + startSeconds + "&end=" + endSeconds + "&step=" + stepSeconds), "data", "result"));
    }

    /** @return the active alerts ({@code /api/v1/alerts}), each with {@code labels}, {@code state}, ... */
    public List<?> alerts() {
        return (List<?>) MiniJson.at(api("/api/v1/alerts"), "data", "alerts");
    }

    /** @return the loaded rule groups ({@code /api/v1/rules}), each with {@code name} and {@code rules} */
    public List<?> rules() {
        return (List<?>) MiniJson.at(api("/api/v1/rules"), "data", "groups");
    }

    /**
     * Calls the HTTP API.
     *
     * @param pathAndQuery for example {@code /api/v1/query?query=up}
     * @return the parsed body
     * @throws AssertionError when the call fails or the body's status is not {@code success}
     */
    public Object api(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        Object body;
        try {
            body = MiniJson.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("Prometheus answered " + r.statusCode() + " to " + pathAndQuery + ": " + r.body());
        }
        if (!"success".equals(MiniJson.at(body, "status"))) {
            throw new AssertionError("Prometheus answered " + r.statusCode() + " to " + decode(pathAndQuery) + ": "
                    + r.body());
        }
        return body;
    }

    /** @return what Prometheus logged so far */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops Prometheus (SIGTERM, then a kill after 10 s) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is not worth failing a test for
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for prometheus", e);
            }
            pause();
        }
        throw new AssertionError("prometheus not ready within " + READY_TIMEOUT + ":\n" + log());
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(CALL_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("could not call prometheus at " + pathAndQuery + ": " + e + "\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while calling prometheus", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200); // a poll interval, bounded by the caller's deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for prometheus", e);
        }
    }
}
