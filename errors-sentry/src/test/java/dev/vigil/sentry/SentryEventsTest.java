package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ConfigSource;
import dev.vigil.ErrorLevel;
import dev.vigil.Vigil;
import dev.vigil.context.ContextEntries;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import dev.vigil.trace.SpanContext;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches a real (loopback) Sentry endpoint, through the real SDK, parsed with the SDK's own reader. */
class SentryEventsTest {
    private SentryReceiver receiver;
    private Vigil vigil;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new SentryReceiver();
        vigil = SentryTestVigil.builder(receiver.dsn()).install();
    }

    @AfterEach
    void tearDown() {
        SentryTestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void capturedExceptionCarriesTypeMessageTagsExtrasEnvironmentAndRelease() {
        vigil.errors().capture(new IllegalStateException("document store unavailable"))
                .tag("component", "document-processing")
                .extra("document_id", "doc-1")
                .send();
        SentryTestVigil.flush();

        assertThat(receiver.paths()).allMatch(p -> p.equals("POST /api/42/envelope/"));
        SentryEvent e = single();
        assertThat(e.getExceptions()).hasSize(1);
        assertThat(e.getExceptions().get(0).getType()).isEqualTo("IllegalStateException");
        assertThat(e.getExceptions().get(0).getModule()).isEqualTo("java.lang");
        assertThat(e.getExceptions().get(0).getValue()).isEqualTo("document store unavailable");
        assertThat(e.getLevel()).isEqualTo(SentryLevel.ERROR);
        assertThat(e.getTags()).containsEntry("component", "document-processing")
                .containsEntry("error.type", "java.lang.IllegalStateException");
        assertThat(e.getExtras()).containsEntry("document_id", "doc-1");
        assertThat(e.getEnvironment()).isEqualTo("test");
        assertThat(e.getRelease()).isEqualTo("shop@1.4.2");
        assertThat(e.getServerName()).isEqualTo("test-host");
        assertThat(e.getUser()).isNull();
        assertThat(receiver.allBytes()).doesNotContain("ip_address");
    }

    @Test
    void messageEventCarriesItsLevelTagsAndExtras() {
        vigil.errors().message("Storage quota approaching limit")
                .level(ErrorLevel.WARNING)
                .tag("component", "storage")
                .extra("usage_percent", 85)
                .send();
        SentryTestVigil.flush();

        SentryEvent e = single();
        assertThat(e.getMessage().getFormatted()).isEqualTo("Storage quota approaching limit");
        assertThat(e.getExceptions()).isNullOrEmpty();
        assertThat(e.getLevel()).isEqualTo(SentryLevel.WARNING);
        assertThat(e.getTags()).containsEntry("component", "storage");
        assertThat(e.getExtras()).containsEntry("usage_percent", 85);
    }

    @Test
    void failedObservationIsLinkedToTheInnermostFailingSpan() {
        FailingService service = new FailingService();
        assertThatThrownBy(() -> service.checkout("card declined")).isInstanceOf(IllegalStateException.class);
        SentryTestVigil.flush();

        SpanContext failing = service.innermost;
        assertThat(failing.isValid()).isTrue();
        SentryEvent e = single();
        assertThat(e.getContexts().getTrace().getTraceId().toString()).isEqualTo(failing.traceIdHex());
        assertThat(e.getContexts().getTrace().getSpanId().toString()).isEqualTo(failing.spanIdHex());
        assertThat(e.getTags()).containsEntry("trace_id", failing.traceIdHex());
        assertThat(e.getTransaction()).isEqualTo("FailingService.authorize");
        assertThat(e.getExceptions().get(0).getValue()).isEqualTo("card declined");
    }

    @Test
    @SuppressWarnings("try") // the scopes are held, not read
    void userIdIsTheLogsPseudonymAndContextEntriesAreTheVigilContext() {
        SentryTestVigil.close(vigil);
        // The key logging-json's JsonLineTest uses: its real line carries "user_id":"9cf36f150d071eca" for user-789.
        vigil = SentryTestVigil.builder(receiver.dsn()).property("vigil.privacy.user-id-key", "0123456789abcdef-test-key")
                .install();
        FailingService service = new FailingService();
        String pseudonym;
        try (Scope user = vigil.context().user("user-789"); Scope request = vigil.context().put("request_id", "req-456")) {
            // What every log line of this scope carries as context.user_id (logging-json writes these entries).
            pseudonym = ContextEntries.current().get(ContextPropagation.USER_ID);
            assertThatThrownBy(() -> service.checkout("card declined")).isInstanceOf(IllegalStateException.class);
        }
        SentryTestVigil.flush();

        assertThat(pseudonym).isEqualTo("9cf36f150d071eca");
        SentryEvent e = single();
        assertThat(e.getUser().getId()).isEqualTo(pseudonym).isNotEqualTo("user-789");
        assertThat(e.getUser().getEmail()).isNull();
        assertThat(e.getUser().getUsername()).isNull();
        assertThat(e.getUser().getIpAddress()).isNull();
        assertThat(e.getContexts().get("vigil")).isEqualTo(Map.of("request_id", "req-456"));
        assertThat(receiver.allBytes()).doesNotContain("user-789", "ip_address", "email", "username");
    }

    @Test
    void breadcrumbsFromTheApiAndFromLogLinesComeWithTheNextEvent() {
        vigil.errors().breadcrumb("upload", "Starting document upload", Map.of("size", 1024));
        FailingService.logInfo("document 7 parsed");
        vigil.errors().capture(new IllegalStateException("upload failed")).send();
        SentryTestVigil.flush();

        List<Breadcrumb> crumbs = single().getBreadcrumbs();
        assertThat(crumbs).extracting(Breadcrumb::getMessage).containsExactly("Starting document upload", "document 7 parsed");
        assertThat(crumbs.get(0).getCategory()).isEqualTo("upload");
        assertThat(crumbs.get(0).getData()).containsEntry("size", 1024);
        assertThat(crumbs.get(1).getCategory()).isEqualTo("dev.vigil.sentry.FailingService");
        assertThat(crumbs.get(1).getLevel()).isEqualTo(SentryLevel.INFO);
    }

    @Test
    void breadcrumbsAreTheReportingThreadsAndTheExceptionNamesThatThread() throws Exception {
        vigil.errors().breadcrumb("mine", "on the reporting thread", null);
        Thread other = new Thread(() -> vigil.errors().breadcrumb("theirs", "on another thread", null), "other-1");
        other.start();
        other.join(10_000);
        vigil.errors().capture(new IllegalStateException("reported here")).send();
        SentryTestVigil.flush();

        SentryEvent e = single();
        assertThat(e.getBreadcrumbs()).extracting(Breadcrumb::getMessage).containsExactly("on the reporting thread");
        // Built on the reporting worker, the event still names the thread that reported.
        assertThat(e.getExceptions().get(0).getThreadId()).isEqualTo(Thread.currentThread().getId());
    }

    @Test
    void breadcrumbsAreBounded() {
        for (int i = 0; i < 250; i++) {
            vigil.errors().breadcrumb("loop", "step " + i, null);
        }
        vigil.errors().capture(new IllegalStateException("after the loop")).send();
        SentryTestVigil.flush();

        List<Breadcrumb> crumbs = single().getBreadcrumbs();
        assertThat(crumbs).hasSize(100);
        assertThat(crumbs.get(99).getMessage()).isEqualTo("step 249");
    }

    @Test
    void errorLogLineWithAThrowableIsAnEvent() {
        FailingService.logFailure("export to s3 failed");
        SentryTestVigil.flush();

        SentryEvent e = single();
        assertThat(e.getExceptions().get(0).getType()).isEqualTo("IllegalArgumentException");
        assertThat(e.getMessage().getFormatted()).isEqualTo("export failed");
        assertThat(e.getLogger()).isEqualTo("dev.vigil.sentry.FailingService");
    }

    @Test
    void samplingAtZeroSendsNothing() throws Exception {
        SentryTestVigil.close(vigil);
        vigil = SentryTestVigil.builder(receiver.dsn()).property(SentryErrors.SAMPLE_RATE, "0").install();
        FailingService service = new FailingService();
        assertThatThrownBy(() -> service.checkout("sampled out")).isInstanceOf(IllegalStateException.class);
        vigil.errors().capture(new IllegalStateException("sampled out too")).send();
        vigil.errors().message("and this").send();
        SentryTestVigil.flush();
        assertThat(receiver.events()).isEmpty();
        assertThat(receiver.paths()).isEmpty();
    }

    @Test
    void badSettingsFailTheBuildNamingTheKeyWithoutEchoingTheDsn() {
        SentryTestVigil.close(vigil);
        vigil = null;
        assertThatThrownBy(() -> SentryTestVigil.builder("https://secretkey123@sentry.example/not a dsn").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SentryErrors.DSN).hasMessageNotContaining("secretkey123");
        assertThatThrownBy(() -> SentryTestVigil.builder(receiver.dsn()).property(SentryErrors.SAMPLE_RATE, "2").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SentryErrors.SAMPLE_RATE);
    }

    @Test
    void withoutDsnTheDiscoveredAdapterTakesNoPart() {
        SentryTestVigil.close(vigil);
        vigil = null;
        try (Vigil v = Vigil.builder().configSource(ConfigSource.of(Map.of())).build()) {
            assertThat(v.backendNames()).doesNotContain(SentryErrors.NAME);
            assertThat(v.errors().isEnabled()).isFalse();
        }
    }

    @Test
    void theDsnIsReadFromSentryDsnInTheEnvironment() {
        SentryTestVigil.close(vigil);
        vigil = null;
        ConfigSource env = ConfigSource.of(Map.of(), Map.of("SENTRY_DSN", receiver.dsn()));
        try (Vigil v = Vigil.builder().configSource(env).serviceName("shop").build()) {
            assertThat(v.backendNames()).contains(SentryErrors.NAME);
            v.errors().message("from the environment's DSN").send();
            SentryTestVigil.flush();
        }
        assertThat(single().getMessage().getFormatted()).isEqualTo("from the environment's DSN");
    }

    private SentryEvent single() {
        List<SentryEvent> events = receiver.events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
