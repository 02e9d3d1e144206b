package dev.vigil.context;

import static dev.vigil.context.ContextTesting.onFreshThread;
import static dev.vigil.context.ContextTesting.randomSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.WarningCollector;
import dev.vigil.propagation.Baggage;
import dev.vigil.trace.SpanContext;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Context values are immutable, typed and identity-keyed; scopes restore, and misuse never corrupts a thread. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced in the body
class ContextTest {
    private static final ContextKey<String> TENANT = ContextKey.named("tenant");
    private static final ContextKey<Integer> ATTEMPT = ContextKey.named("attempt");

    @Test
    void rootIsEmptyAndCurrentByDefault() throws InterruptedException {
        assertThat(Context.root().span()).isSameAs(SpanContext.invalid());
        assertThat(Context.root().baggage()).isSameAs(Baggage.empty());
        assertThat(Context.root().get(TENANT)).isNull();
        assertThat(Context.current()).isSameAs(Context.root());
        onFreshThread(() -> assertThat(Context.current()).isSameAs(Context.root()));
    }

    @Test
    void entriesAreTypedCopiedOnWriteAndKeyedByIdentity() {
        ContextKey<String> otherTenant = ContextKey.named("tenant");
        Context a = Context.root().with(TENANT, "acme");
        Context b = a.with(ATTEMPT, 2).with(TENANT, "globex");

        assertThat(a.get(TENANT)).isEqualTo("acme");
        assertThat(a.get(ATTEMPT)).as("a is unchanged by deriving b").isNull();
        assertThat(b.get(TENANT)).isEqualTo("globex");
        assertThat(b.get(ATTEMPT)).isEqualTo(2);
        assertThat(b.get(otherTenant)).as("same name, different key").isNull();
        assertThat(b.with(TENANT, null).get(TENANT)).isNull();
        assertThat(b.with(TENANT, null).get(ATTEMPT)).isEqualTo(2);
        assertThat(a.with(TENANT, null).with(ATTEMPT, null).toString()).contains("keys=[]");
        assertThat(otherTenant.name()).isEqualTo("tenant");
        assertThat(ContextKey.named(null).name()).isEqualTo("unnamed");
    }

    @Test
    void unchangedDerivationsReturnTheSameInstance() {
        String value = "acme";
        Context a = Context.root().with(TENANT, value);
        assertThat(a.with(TENANT, value)).isSameAs(a);
        assertThat(a.with(ATTEMPT, null)).isSameAs(a);
        assertThat(a.withSpan(a.span())).isSameAs(a);
        assertThat(a.withBaggage(a.baggage())).isSameAs(a);
        assertThat(Context.root().withSpan(null)).isSameAs(Context.root());
        assertThat(Context.root().withBaggage(null)).isSameAs(Context.root());
    }

    @Test
    void nullKeyIsIgnoredWithAWarning() {
        try (WarningCollector warnings = new WarningCollector()) {
            Context a = Context.root().with(TENANT, "acme");
            assertThat(a.with(null, "x")).isSameAs(a);
            String none = a.get(null);
            assertThat(none).isNull();
            assertThat(warnings.kinds).containsExactly("invalid-context");
        }
    }

    @Test
    void spanAndBaggageAreKeptAcrossDerivations() {
        SpanContext span = randomSpan();
        Baggage baggage = Baggage.empty().put("user", "not-in-hex-zq");
        Context c = Context.root().withSpan(span).withBaggage(baggage).with(TENANT, "acme");
        assertThat(c.span()).isSameAs(span);
        assertThat(c.baggage()).isSameAs(baggage);
        assertThat(c.withSpan(null).span()).isSameAs(SpanContext.invalid());
        assertThat(c.withSpan(null).get(TENANT)).isEqualTo("acme");
        assertThat(c.withBaggage(null).baggage()).isSameAs(Baggage.empty());
        assertThat(c.toString()).contains(span.traceIdHex()).contains("tenant").doesNotContain("not-in-hex-zq");
        assertThat(Context.root().toString()).contains("span=none");
    }

    @Test
    void nestedScopesRestoreInOrder() {
        Context outer = Context.root().withSpan(randomSpan());
        Context inner = outer.withSpan(randomSpan());
        try (Scope s1 = outer.makeCurrent()) {
            assertThat(Context.current()).isSameAs(outer);
            try (Scope s2 = inner.makeCurrent()) {
                assertThat(Context.current()).isSameAs(inner);
                assertThat(Context.current().span().traceIdHex()).isSameAs(inner.span().traceIdHex());
                try (Scope same = inner.makeCurrent()) {
                    assertThat(same).as("no change, nothing allocated").isSameAs(Scope.noop());
                }
                assertThat(Context.current()).isSameAs(inner);
            }
            assertThat(Context.current()).isSameAs(outer);
        }
        assertThat(Context.current()).isSameAs(Context.root());
    }

    @Test
    void outOfOrderCloseLeavesTheNewerContextAndWarns() throws InterruptedException {
        Context x = Context.root().withSpan(randomSpan());
        Context y = x.withSpan(randomSpan());
        try (WarningCollector warnings = new WarningCollector()) {
            onFreshThread(() -> {
                Scope a = x.makeCurrent();
                Scope b = y.makeCurrent();
                a.close();
                assertThat(Context.current()).as("b is still open, so y stays").isSameAs(y);
                b.close();
                assertThat(Context.current()).as("b restores what it replaced").isSameAs(x);
            });
            assertThat(warnings.kinds).containsExactly("scope-order");
            assertThat(warnings.messages.get(0)).contains("out of order");
        }
    }

    @Test
    void doubleCloseNeverRestoresTwice() throws InterruptedException {
        Context x = Context.root().withSpan(randomSpan());
        try (WarningCollector warnings = new WarningCollector()) {
            onFreshThread(() -> {
                Scope a = x.makeCurrent();
                a.close();
                assertThat(Context.current()).isSameAs(Context.root());
                try (Scope again = x.makeCurrent()) {
                    // x is current again, as when `a` was open: a second close of `a` must still do nothing.
                    a.close();
                    assertThat(Context.current()).isSameAs(x);
                }
                assertThat(Context.current()).isSameAs(Context.root());
            });
            assertThat(warnings.kinds).containsExactly("scope-order");
            assertThat(warnings.messages.get(0)).contains("twice");
        }
    }

    @Test
    void closeOnAnotherThreadIsIgnoredAndTheOwnerCanStillClose() throws InterruptedException {
        Context x = Context.root().withSpan(randomSpan());
        try (WarningCollector warnings = new WarningCollector()) {
            onFreshThread(() -> {
                Scope a = x.makeCurrent();
                AtomicReference<Context> seenThere = new AtomicReference<>();
                try {
                    onFreshThread(() -> {
                        a.close();
                        seenThere.set(Context.current());
                    });
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                assertThat(seenThere.get()).isSameAs(Context.root());
                assertThat(Context.current()).isSameAs(x);
                a.close();
                assertThat(Context.current()).isSameAs(Context.root());
            });
            assertThat(warnings.kinds).containsExactly("scope-order");
            assertThat(warnings.messages.get(0)).containsPattern("closed on thread context-test-\\d+ but opened on context-test-\\d+");
        }
    }

    @Test
    void noopScopeDoesNothing() {
        Scope.noop().close();
        Scope.noop().close();
        assertThat(Context.current()).isSameAs(Context.root());
    }
}
