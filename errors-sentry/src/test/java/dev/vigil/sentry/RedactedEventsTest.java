package dev.vigil.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Redaction;
import dev.vigil.Vigil;
import dev.vigil.context.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets planted everywhere an event can carry text (exception messages and causes, tags, extras, breadcrumbs, the
 * context, the user, a log line) never leave: searched for in every byte the loopback endpoint received, un-gzipped.
 * The same run with redaction off finds every one of them, so the search can fail.
 */
class RedactedEventsTest {
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    static final String PASSWORD = "hunter2";
    static final String CARD = "4111 1111 1111 1111";
    static final String BEARER_TOKEN = "abc123.DEF-456_ghi";
    static final String EMAIL = "alice@example.com";
    /** What is searched for: each secret itself, and the parts of the JWT that could survive a partial mask. */
    static final List<String> CANARIES = List.of(AWS_KEY, JWT, JWT.substring(0, 36), JWT.substring(JWT.lastIndexOf('.') + 1),
            PASSWORD, CARD, "4111111111111111", BEARER_TOKEN, EMAIL);
    static final String ALL = "key " + AWS_KEY + " jwt " + JWT + " password=" + PASSWORD + " card " + CARD
            + " Authorization: Bearer " + BEARER_TOKEN + " mail " + EMAIL;

    private final FailingService service = new FailingService();
    private SentryReceiver receiver;
    private Vigil vigil;

    @AfterEach
    void tearDown() {
        SentryTestVigil.close(vigil);
        receiver.close();
    }

    @Test
    void noCanaryLeavesInAnyEnvelopeByte() throws Exception {
        String bytes = plantEverywhere(Redaction.defaults());
        for (String canary : CANARIES) {
            assertThat(bytes).as("envelopes must not carry %s", canary).doesNotContain(canary);
        }
        assertThat(bytes).contains(Redaction.MASK);
    }

    @Test
    void withRedactionOffEveryCanaryIsFoundSoTheSearchCanFail() throws Exception {
        String bytes = plantEverywhere(Redaction.none());
        for (String canary : CANARIES) {
            assertThat(bytes).contains(canary);
        }
    }

    /**
     * Three events: an exception captured with every kind of data, a failed annotated method, an ERROR log line; the
     * user id is kept raw (an e-mail) so that the user too is something the scrubber must mask.
     */
    @SuppressWarnings("try") // the scopes are held, not read
    private String plantEverywhere(Redaction redaction) throws Exception {
        receiver = new SentryReceiver();
        vigil = SentryTestVigil.builder(receiver.dsn()).redaction(redaction)
                .property("vigil.privacy.user-id", "raw").install();
        try (Scope user = vigil.context().user(EMAIL); Scope note = vigil.context().put("note", ALL)) {
            vigil.errors().breadcrumb("upload " + EMAIL, "upload by " + ALL, Map.of("detail", ALL, "password", PASSWORD));
            FailingService.logInfo("info line " + ALL);
            vigil.errors().capture(new IllegalStateException("failed with " + ALL, new IllegalArgumentException("cause " + ALL)))
                    .tag("detail", ALL)
                    .tag("token", BEARER_TOKEN)
                    .extra("detail", ALL)
                    .extra("password", PASSWORD)
                    .extra("nested", Map.of("inner", ALL, "list", List.of(ALL)))
                    .extra("card_number", 4111111111111111L)
                    .send();
            assertThatThrownBy(() -> service.checkout("declined " + ALL)).isInstanceOf(IllegalStateException.class);
            FailingService.logFailure("export " + ALL);
            vigil.errors().message("message " + ALL).send();
        }
        SentryTestVigil.flush();
        // Nothing was dropped: an event that never left would pass the search trivially.
        assertThat(receiver.events()).hasSize(4);
        return receiver.allBytes();
    }
}
