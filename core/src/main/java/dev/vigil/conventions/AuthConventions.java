package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.List;

/** Authentication: Vigil's names in OpenTelemetry's style. No attribute ever holds a user identifier. */
public final class AuthConventions {
    /** Attempts, by method and result. */
    public static final MetricConvention ATTEMPTS = MetricConvention.builder("auth.attempts", Instrument.COUNTER,
                    "{attempt}")
            .description("Authentication attempts, by method and result (success or failure).")
            .required("auth.method", "auth.result")
            .build();
    /** Failures, by method and low-cardinality reason. */
    public static final MetricConvention FAILURES = MetricConvention.builder("auth.failures", Instrument.COUNTER,
                    "{attempt}")
            .description("Failed authentication attempts, by method and reason.")
            .required("auth.method", "auth.failure.reason")
            .build();

    private AuthConventions() {
    }

    /** @return the auth conventions */
    public static List<MetricConvention> all() {
        return List.of(ATTEMPTS, FAILURES);
    }
}
