package dev.vigil.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of the running quickstart, loaded and rendered by a real headless Chromium (Debian's
 * {@code chromium}): the text a browser shows, and a screenshot. With {@code -Dvigil.docs.write=true} the screenshot
 * replaces {@code docs/images/status-page.png}. Chromium missing fails the test, unless
 * {@code -Dvigil.test.tools=optional}.
 */
class StatusPageChromiumTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static QuickstartApp app;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        app = QuickstartApp.start(0, 0);
        Vigil.global().slo("checkout-availability").availability(99.9).over(java.time.Duration.ofDays(30)).onHttpRoute("/checkout");
        Vigil.global().slo("checkout-latency").latency(0.95, java.time.Duration.ofMillis(500)).over(java.time.Duration.ofDays(30))
                .onHttpRoute("/checkout");
        // 45 checkouts of which 5 fail (an unknown plan answers 500), 6 documents and 4 storefront calls, each of which
        // calls the catalog: 59 requests, 5 failed.
        for (int i = 0; i < 45; i++) {
            assertThat(post(i % 9 == 8 ? "/checkout?plan=gold" : "/checkout?plan=pro")).isIn(200, 500);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(post("/documents?type=pdf")).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.servicePort() + "/storefront"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        Vigil.resetGlobalForTest();
    }

    private static int post(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.servicePort() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString("some words here")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void chromiumRendersTheStatusPage() throws Exception {
        String dom = chromium("--dump-dom");
        String text = dom.replaceAll("(?s)<style>.*</style>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertThat(text).contains("quickstart").contains("Overall: degraded")
                .contains("Uptime:")
                .contains("http.success_rate degraded 91.5% of 59 requests succeeded in the last 5 minutes")
                .contains("db healthy").contains("documents healthy").contains("disk healthy").contains("heap healthy")
                .contains("HTTP requests, last 5 minutes")
                .contains("/checkout 45 0.15 11.1%")
                .contains("/documents 6 0.02 0.0%")
                .contains("/storefront 4 0.01 0.0%").contains("/catalog 4 0.01 0.0%")  // the storefront calls the catalog
                .contains("all 59 0.20 8.5%")
                // 5 failures of 45 checkouts is 11.1 %, 111 times the 0.1 % budget: none left at this rate.
                .contains("checkout-availability 99.9% succeed route /checkout 30 d 111.11x none")
                .containsPattern("checkout-latency 95% within 500 ms route /checkout 30 d 0\\.\\d\\dx \\d+(\\.\\d+)?%")
                .contains("refreshes every 10 s");
        assertThat(dom).contains("<meta http-equiv=\"refresh\" content=\"10\">");
    }

    @Test
    void aScreenshotOfThePage() throws Exception {
        Path png = temp.resolve("status-page.png");
        chromium("--screenshot=" + png, "--window-size=1200,900");
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(900);
        if (Boolean.getBoolean("vigil.docs.write")) {
            Path docs = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "docs", "images", "status-page.png");
            Files.copy(png, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Runs headless Chromium on the status page, bounded in time; returns what it printed. */
    private String chromium(String... options) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.assumeTrue("optional".equals(System.getProperty("vigil.test.tools")),
                    "set -Dvigil.test.tools=optional to skip");
            throw new AssertionError("chromium not found at " + CHROMIUM + ": install it (apt-get install -y chromium)");
        }
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(temp.resolve("profile"))));
        command.addAll(List.of(options));
        command.add("http://127.0.0.1:" + app.managementPort() + "/");
        Path out = temp.resolve("chromium.out");
        Path err = temp.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        assertThat(p.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
