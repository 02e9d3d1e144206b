package dev.vigil.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vigil.ConfigSource;
import dev.vigil.Vigil;
import dev.vigil.testing.OtlpReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OTLP header list usually holds the collector's credentials: a malformed one fails install naming the key, and
 * no part of it reaches the exception (with its causes) or any log line.
 */
class OtlpHeadersTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    private static final List<String> CANARIES = List.of("AKIAIOSFODNN7EXAMPLE", JWT, "eyJhbGciOiJIUzI1NiJ9",
            "hunter2", "4111 1111 1111 1111", "4111111111111111", "abc.def", "alice@example.com");
    private static final String ALL = "AKIAIOSFODNN7EXAMPLE " + JWT + " password=hunter2 4111 1111 1111 1111 Bearer abc.def"
            + " alice@example.com";

    @Test
    void aMalformedHeaderListNamesTheKeyAndEchoesNothingOfItsValue() {
        List<String> malformed = List.of(
                ALL,                                                              // no name=value at all
                "authorization=Bearer%20abc.def," + ALL,                           // a second entry without '='
                "{" + ALL.replace(" ", "%20").replace("=", "%3D") + "}=x",       // a name that is no header name
                "authorization=%zz" + ALL.replace(" ", "%20"),                    // broken URL encoding
                "authorization=Bearer%0Aabc.def%20" + ALL.replace(" ", "%20"));   // a line break in the value
        for (String value : malformed) {
            for (String variable : List.of("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS")) {
                try (LogCapture logs = new LogCapture()) {
                    Throwable failure = catchThrowable(() -> TestVigil.builder("http://127.0.0.1:1")
                            .configSource(ConfigSource.of(Map.of(), Map.of(variable, value))).install());

                    assertThat(failure).as(value).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(variable).hasMessageContaining("entry");
                    String everything = describe(failure) + logs.text();
                    for (String canary : CANARIES) {
                        assertThat(everything).as("%s from %s", canary, value).doesNotContain(canary);
                    }
                }
            }
        }
        assertThat(Vigil.global().isNoop()).isTrue();
    }

    @Test
    void wellFormedHeadersAreSentWithEveryExport() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Vigil vigil = TestVigil.builder(receiver.endpoint())
                    .property("otel.exporter.otlp.headers", "authorization=Bearer%20t0ken, ,x-tenant=shop")
                    .property("otel.exporter.otlp.traces.headers", "x-tenant=traces")
                    .install();
            try {
                vigil.observation("sent").start().close();
                receiver.await(1);
            } finally {
                TestVigil.close(vigil);
            }
            assertThat(receiver.headers).containsEntry("Authorization", "Bearer t0ken").containsEntry("X-tenant", "traces");
        }
    }

    /** Messages, class names and causes of a failure and of everything suppressed by it, recursively. */
    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            b.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                b.append(describe(s));
            }
        }
        return b.toString();
    }
}
