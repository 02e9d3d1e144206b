package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.spi.ErrorBackend;
import dev.vigil.spi.ErrorEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vigil.errors()} routes reports to every error backend, samples first, and never throws. */
class ErrorsTest {
    private WarningCollector warnings;

    @BeforeEach
    void setUp() {
        warnings = new WarningCollector();
    }

    @AfterEach
    void tearDown() {
        warnings.close();
    }

    @Test
    void withoutBackendEveryCallIsTheSharedNoop() {
        try (Vigil vigil = Vigil.builder().discoverBackends(false).build()) {
            ErrorReport r = vigil.errors().capture(new IllegalStateException("x"));
            assertThat(r).isSameAs(ErrorReport.NOOP).isSameAs(vigil.errors().message("m"));
            assertThat(r.tag("a", "b").extra("c", 1).level(ErrorLevel.FATAL)).isSameAs(r);
            r.send();
            vigil.errors().breadcrumb("upload", "start", Map.of("size", 1));
            assertThat(vigil.errors().isEnabled()).isFalse();
        }
        assertThat(Vigil.noop().errors().capture(new RuntimeException())).isSameAs(ErrorReport.NOOP);
        assertThat(warnings.kinds).isEmpty();
    }

    @Test
    void sendsExceptionAndMessageWithTagsExtrasLevelAndContext() {
        Recording backend = new Recording("one", true);
        IllegalStateException failure = new IllegalStateException("boom");
        try (Vigil vigil = Vigil.builder().discoverBackends(false).backend(backend).build();
             Observation outer = vigil.observation("outer").start()) {
            outer.toString();
            vigil.errors().capture(failure).tag("component", "document-processing").extra("document_id", "doc-1").send();
            vigil.errors().message("Storage quota approaching limit").level(ErrorLevel.WARNING)
                    .tag("component", "storage").extra("usage_percent", 85).send();
            vigil.errors().breadcrumb("upload", "Starting document upload", Map.of("size", 1024));

            assertThat(backend.events).hasSize(2);
            ErrorEvent e = backend.events.get(0);
            assertThat(e.error()).isSameAs(failure);
            assertThat(e.level()).isEqualTo(ErrorLevel.ERROR);
            assertThat(e.tags()).containsExactly(Map.entry("component", "document-processing"));
            assertThat(e.extras()).containsExactly(Map.entry("document_id", "doc-1"));
            assertThat(e.context().span()).isEqualTo(dev.vigil.context.Context.current().span());
            assertThat(e.context().span().isValid()).isTrue();
            ErrorEvent m = backend.events.get(1);
            assertThat(m.error()).isNull();
            assertThat(m.message()).isEqualTo("Storage quota approaching limit");
            assertThat(m.level()).isEqualTo(ErrorLevel.WARNING);
            assertThat(m.extras()).containsEntry("usage_percent", 85);
            assertThat(backend.breadcrumbs).containsExactly("upload|Starting document upload|{size=1024}");
        }
    }

    @Test
    void messageDefaultsToInfo() {
        Recording backend = new Recording("one", true);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).backend(backend).build()) {
            vigil.errors().message("hello").send();
            assertThat(backend.events.get(0).level()).isEqualTo(ErrorLevel.INFO);
        }
    }

    @Test
    void samplingIsDecidedBeforeAnythingIsBuilt() {
        Recording out = new Recording("out", false);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).backend(out).build()) {
            assertThat(vigil.errors().capture(new RuntimeException())).isSameAs(ErrorReport.NOOP);
            assertThat(vigil.errors().message("m")).isSameAs(ErrorReport.NOOP);
            assertThat(out.samples).isEqualTo(2);
        }
        assertThat(out.events).isEmpty();
    }

    @Test
    void everyBackendThatSampledInGetsTheReport() {
        Recording in = new Recording("in", true);
        Recording out = new Recording("out", false);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).backend(in).backend(out).build()) {
            vigil.errors().capture(new RuntimeException()).send();
            vigil.errors().breadcrumb("c", "m", null);
        }
        assertThat(in.events).hasSize(1);
        assertThat(out.events).isEmpty();
        assertThat(in.breadcrumbs).containsExactly("c|m|{}");
        assertThat(out.breadcrumbs).containsExactly("c|m|{}");
    }

    @Test
    void misuseAndBrokenBackendsNeverThrow() {
        Recording broken = new Recording("broken", true) {
            @Override
            public void report(ErrorEvent event) {
                throw new NoClassDefFoundError("io/sentry/Sentry");
            }

            @Override
            public void breadcrumb(String category, String message, Map<String, ?> data) {
                throw new IllegalStateException("broken");
            }
        };
        try (Vigil vigil = Vigil.builder().discoverBackends(false).backend(broken).build()) {
            assertThatCode(() -> {
                vigil.errors().capture(null).send();
                vigil.errors().message(null).send();
                ErrorReport r = vigil.errors().capture(new RuntimeException()).tag(null, "v").tag("k", null).extra(null, 1).level(null);
                r.send();
                r.send();
                vigil.errors().breadcrumb(null, "m", null);
                vigil.errors().breadcrumb("c", "m", Map.of());
            }).doesNotThrowAnyException();
        }
        assertThat(warnings.kinds).contains("invalid-error-report", "error-backend-failure");
    }

    @Test
    void tagsAndExtrasAreBounded() {
        Recording backend = new Recording("one", true);
        try (Vigil vigil = Vigil.builder().discoverBackends(false).backend(backend).build()) {
            ErrorReport r = vigil.errors().capture(new RuntimeException());
            for (int i = 0; i < 100; i++) {
                r.tag("t" + i, "v").extra("e" + i, i);
            }
            r.send();
        }
        assertThat(backend.events.get(0).tags()).hasSize(ErrorReport.MAX_ENTRIES);
        assertThat(backend.events.get(0).extras()).hasSize(ErrorReport.MAX_ENTRIES);
    }

    /** An error backend that records what it receives. */
    static class Recording implements ErrorBackend {
        final List<ErrorEvent> events = new CopyOnWriteArrayList<>();
        final List<String> breadcrumbs = new CopyOnWriteArrayList<>();
        private final String name;
        private final boolean accept;
        int samples;

        Recording(String name, boolean accept) {
            this.name = name;
            this.accept = accept;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean sample() {
            samples++;
            return accept;
        }

        @Override
        public void report(ErrorEvent event) {
            events.add(event);
        }

        @Override
        public void breadcrumb(String category, String message, Map<String, ?> data) {
            breadcrumbs.add(category + '|' + message + '|' + data);
        }
    }
}
