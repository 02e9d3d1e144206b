package dev.vigil.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.WarningCollector;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** context().put entries are scoped, keep their order, cross wrapped executors and reject misuse quietly. */
@SuppressWarnings("try")
class ContextEntriesTest {
    private final ContextPropagation cp = ContextPropagation.get();

    @AfterEach
    void clean() {
        assertThat(Context.current()).as("no test leaves the test thread dirty").isSameAs(Context.root());
    }

    @Test
    void entriesAreScopedAndKeepTheirOrder() {
        try (Scope s = cp.put("request_id", "req-456")) {
            try (Scope t = cp.put("tenant", "acme"); Scope u = cp.put("request_id", "req-457")) {
                assertThat(ContextEntries.current().asMap()).containsExactly(Map.entry("request_id", "req-457"), Map.entry("tenant", "acme"));
                assertThat(ContextEntries.current().key(1)).isEqualTo("tenant");
                try (Scope r = cp.put("tenant", null)) {
                    assertThat(ContextEntries.current().asMap()).containsOnlyKeys("request_id");
                }
            }
            assertThat(ContextEntries.current().asMap()).containsExactly(Map.entry("request_id", "req-456"));
        }
        assertThat(ContextEntries.current().isEmpty()).isTrue();
    }

    @Test
    void entriesTravelWithWrappedExecutors() throws Exception {
        ExecutorService pool = cp.wrap(Executors.newSingleThreadExecutor());
        try (Scope s = cp.put("request_id", "req-456")) {
            assertThat(pool.submit(() -> ContextEntries.current().get("request_id")).get(5, TimeUnit.SECONDS)).isEqualTo("req-456");
        } finally {
            pool.shutdownNow();
        }
        assertThat(ContextEntries.from(null).size()).isZero();
    }

    @Test
    void misuseIsANoOpWithAWarning() {
        try (WarningCollector w = new WarningCollector()) {
            try (Scope s = cp.put(null, "x"); Scope t = cp.put(" ", "x"); Scope u = cp.user(null)) {
                assertThat(ContextEntries.current().isEmpty()).isTrue();
            }
            assertThat(w.kinds).contains("invalid-context");
        }
    }

    @Test
    void entriesAreBounded() {
        try (WarningCollector w = new WarningCollector()) {
            Scope[] scopes = new Scope[ContextPropagation.MAX_ENTRIES + 1];
            for (int i = 0; i < scopes.length; i++) {
                scopes[i] = cp.put("k" + i, "v");
            }
            assertThat(ContextEntries.current().size()).isEqualTo(ContextPropagation.MAX_ENTRIES);
            assertThat(w.kinds).contains("context-entries");
            for (int i = scopes.length - 1; i >= 0; i--) {
                scopes[i].close();
            }
        }
    }
}
