package dev.vigil.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.AuditOutcome;
import dev.vigil.Vigil;
import dev.vigil.context.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Secrets planted everywhere a log line takes data from (message and arguments, MDC, context, key-values, structured
 * arguments, an exception's message, its cause and a suppressed exception, audit fields) appear in no byte written
 * to the console or to any file.
 */
@SuppressWarnings("try")
class CanaryTest {
    static final String AWS = "AKIAIOSFODNN7EXAMPLE";
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    static final String PASSWORD = "hunter2";
    static final String CARD = "4111 1111 1111 1111";
    static final String BEARER = "mF_9.B5f-4.1JqM";
    static final String EMAIL = "alice@example.com";
    /** What must never be written, card digits without spaces included. */
    static final List<String> CANARIES = List.of(AWS, JWT, PASSWORD, CARD, "4111111111111111", BEARER, EMAIL);
    /** One text holding every secret, in the forms they take in the wild. */
    static final String ALL = "key " + AWS + " jwt " + JWT + " password=" + PASSWORD + " card " + CARD
            + " Authorization: Bearer " + BEARER + "\nmail " + EMAIL;

    private final Logger log = LoggerFactory.getLogger("shop.Canary");
    private LogCapture capture;

    @BeforeEach
    void setUp() {
        Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id-key", JsonLineTest.KEY).install();
        LogRedaction.install(Vigil.global().redaction());
    }

    @AfterEach
    void tearDown() {
        capture.close();
        MDC.clear();
        LogRedaction.install(null);
        Vigil.resetGlobalForTest().close();
    }

    @Test
    void noSecretReachesAnyByteOfConsoleOrFiles(@TempDir Path dir) throws Exception {
        capture = new LogCapture(Map.of("vigil.logging.files.dir", dir.toString()));
        MDC.put("session", ALL);
        MDC.put("authorization", "Bearer " + BEARER);
        RuntimeException failure = new IllegalStateException("failed: " + ALL,
                new IllegalArgumentException("cause: " + ALL, new RuntimeException("root: password=" + PASSWORD)));
        failure.addSuppressed(new IllegalStateException("suppressed: " + ALL));
        try (Scope s = Vigil.global().context().put("note", ALL); Scope p = Vigil.global().context().put("password", PASSWORD)) {
            log.atError().setMessage("login failed: {} then {}").addArgument(ALL).addArgument(EMAIL)
                    .addArgument(kv("jwt", JWT)).addKeyValue("token", BEARER).addKeyValue("card", 4111111111111111L)
                    .addKeyValue("details", ALL).addKeyValue("credentials", Map.of("user", "alice", "secret", PASSWORD))
                    .setCause(failure).log();
            log.warn("second line " + ALL);
        }
        Vigil.global().audit("auth.login").actor(EMAIL).target("card/" + CARD).outcome(AuditOutcome.FAILURE)
                .field("password", PASSWORD).field("header", "Authorization: Bearer " + BEARER).field("note", ALL).log();
        capture.flush();

        byte[] console = capture.console.raw();
        assertThat(capture.lines()).hasSize(3);
        assertThat(new String(console, StandardCharsets.UTF_8)).contains("****").contains("cause: ").contains("suppressed: ")
                .contains("\"card\":\"****\"").contains("\"credentials\":\"****\"");
        assertNoCanary("console", console);
        for (String file : List.of("app.log", "error.log", "audit.log")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            assertThat(bytes.length).as(file).isPositive();
            assertNoCanary(file, bytes);
        }
    }

    private static void assertNoCanary(String where, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String canary : CANARIES) {
            assertThat(text).as("%s must not hold %s", where, canary).doesNotContain(canary);
        }
    }
}
