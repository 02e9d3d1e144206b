package dev.vigil.sentry;

import dev.vigil.ConfigSource;
import dev.vigil.Vigil;
import dev.vigil.VigilBuilder;
import io.sentry.Sentry;
import java.util.Map;

/** Installs a Vigil whose only error backend is Sentry, configured only from what the test gives. */
final class SentryTestVigil {
    private SentryTestVigil() {
    }

    static VigilBuilder builder(String dsn) {
        Vigil.resetGlobalForTest();
        return Vigil.builder()
                .discoverBackends(false)
                // Nothing from the machine: a SENTRY_DSN or VIGIL_* set where the build runs changes no result.
                .configSource(ConfigSource.of(Map.of()))
                .serviceName("shop").serviceVersion("1.4.2").environment("test")
                .property(SentryErrors.DSN, dsn)
                .property(SentryErrors.SERVER_NAME, "test-host")
                .property(SentryErrors.TIMEOUT_MS, "1000")
                .backend(SentryErrors.create());
    }

    /** Waits until every event queued so far was sent and answered: the signal after which none is missing. */
    static void flush() {
        SentryReporter.awaitHandedOver(10_000);
        Sentry.flush(10_000);
    }

    /** Waits until every report so far was handed to the SDK (sent, queued, or counted as dropped). */
    static void handedOver() {
        SentryReporter.awaitHandedOver(10_000);
    }

    static void close(Vigil vigil) {
        if (vigil != null) {
            vigil.close();
        }
        Vigil.resetGlobalForTest();
    }
}
