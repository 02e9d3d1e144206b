package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import dev.vigil.conventions.MetricConvention.Origin;
import dev.vigil.conventions.MetricConvention.Stability;
import java.util.List;

/**
 * The HTTP metrics of the OpenTelemetry semantic conventions that {@code vigil.http()} records: server duration,
 * active requests and body sizes, and the client duration.
 */
public final class HttpConventions {
    /** The OpenTelemetry bucket advice for HTTP durations, in seconds. */
    private static final double[] DURATION_BUCKETS = {
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10
    };
    /**
     * Body sizes in bytes. OpenTelemetry gives no advice for them; these are the OpenTelemetry SDK's default
     * explicit boundaries without the first one, 0, because a Prometheus bucket boundary must be positive here (an
     * empty body falls in {@code le="5"}).
     */
    private static final double[] BODY_SIZE_BUCKETS = {
        5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000
    };

    /** {@code http.server.request.duration}: a histogram in seconds. */
    public static final MetricConvention SERVER_REQUEST_DURATION =
            MetricConvention.builder("http.server.request.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of HTTP server requests.")
                    .required("http.request.method", "url.scheme")
                    .conditional("error.type", "http.response.status_code", "http.route")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.STABLE).origin(Origin.OPENTELEMETRY)
                    .build();

    /** {@code http.server.active_requests}: requests in flight, a gauge over a count Vigil keeps. */
    public static final MetricConvention SERVER_ACTIVE_REQUESTS =
            MetricConvention.builder("http.server.active_requests", Instrument.UP_DOWN_COUNTER, "{request}")
                    .description("Number of active HTTP server requests.")
                    .required("http.request.method", "url.scheme")
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY)
                    .build();

    /** {@code http.server.request.body.size}: a histogram in bytes. */
    public static final MetricConvention SERVER_REQUEST_BODY_SIZE =
            MetricConvention.builder("http.server.request.body.size", Instrument.HISTOGRAM, "By")
                    .description("Size of HTTP server request bodies.")
                    .required("http.request.method", "url.scheme")
                    .conditional("error.type", "http.response.status_code", "http.route")
                    .buckets(BODY_SIZE_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY)
                    .build();

    /** {@code http.server.response.body.size}: a histogram in bytes. */
    public static final MetricConvention SERVER_RESPONSE_BODY_SIZE =
            MetricConvention.builder("http.server.response.body.size", Instrument.HISTOGRAM, "By")
                    .description("Size of HTTP server response bodies.")
                    .required("http.request.method", "url.scheme")
                    .conditional("error.type", "http.response.status_code", "http.route")
                    .buckets(BODY_SIZE_BUCKETS)
                    .stability(Stability.DEVELOPMENT).origin(Origin.OPENTELEMETRY)
                    .build();

    /** {@code http.client.request.duration}: a histogram in seconds. */
    public static final MetricConvention CLIENT_REQUEST_DURATION =
            MetricConvention.builder("http.client.request.duration", Instrument.HISTOGRAM, "s")
                    .description("Duration of HTTP client requests.")
                    .required("http.request.method", "server.address", "server.port")
                    .conditional("error.type", "http.response.status_code")
                    .buckets(DURATION_BUCKETS)
                    .stability(Stability.STABLE).origin(Origin.OPENTELEMETRY)
                    .build();

    private HttpConventions() {
    }

    static List<MetricConvention> all() {
        return List.of(SERVER_REQUEST_DURATION, SERVER_ACTIVE_REQUESTS, SERVER_REQUEST_BODY_SIZE,
                SERVER_RESPONSE_BODY_SIZE, CLIENT_REQUEST_DURATION);
    }
}
