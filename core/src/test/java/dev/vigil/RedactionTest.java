package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The redaction policy: each built-in detector, the key rule, user keys and patterns, and no false positives. */
class RedactionTest {
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private final Redaction r = Redaction.defaults();

    @Test
    void jsonWebTokensAreMaskedWhole() {
        assertThat(r.redact("session " + JWT + " expired")).isEqualTo("session **** expired");
        assertThat(r.redact("\"" + JWT + "\"")).isEqualTo("\"****\"");
        // An unsigned token has an empty third part.
        assertThat(r.redact("t=" + JWT.substring(0, JWT.lastIndexOf('.') + 1) + " end")).isEqualTo("t=**** end");
    }

    @Test
    void bearerAndBasicCredentialsAreMaskedAndTheSchemeKept() {
        assertThat(r.redact("sent Bearer abc123.DEF-456_ghi~ to upstream")).isEqualTo("sent Bearer **** to upstream");
        assertThat(r.redact("bearer " + JWT)).isEqualTo("bearer ****");
        assertThat(r.redact("header Basic dXNlcjpwYXNzd29yZA== rejected")).isEqualTo("header Basic **** rejected");
        assertThat(r.redact("BASIC YWRtaW46c2VjcmV0")).isEqualTo("BASIC ****");
    }

    @Test
    void awsAccessKeyIdsAreMasked() {
        assertThat(r.redact("using AKIAIOSFODNN7EXAMPLE for s3")).isEqualTo("using **** for s3");
        assertThat(r.redact("temp=ASIAY34FZKBOKMUTVV7A,")).isEqualTo("temp=****,");
        assertThat(r.redact("XAKIAIOSFODNN7EXAMPLE")).isEqualTo("XAKIAIOSFODNN7EXAMPLE");
        assertThat(r.redact("AKIAIOSFODNN7EXAMPLEX")).isEqualTo("AKIAIOSFODNN7EXAMPLEX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5555555555554444",
            "3782 822463 10005", "378282246310005", "6011 0009 9013 9424", "4222222222222", "2223 0031 2200 3222"})
    void cardNumbersThatPassLuhnAreMasked(String card) {
        assertThat(r.redact("paid with " + card + ", thanks")).isEqualTo("paid with ****, thanks");
        assertThat(r.redact(card)).isEqualTo("****");
    }

    @Test
    void aCardAfterAnotherNumberOrBeforeOneIsStillFound() {
        assertThat(r.redact("2024 4111 1111 1111 1111")).isEqualTo("2024 ****");
        assertThat(r.redact("4111111111111111 12")).isEqualTo("**** 12");
        assertThat(r.redact("4111 1111 1111 1111 22")).isEqualTo("**** 22");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "3782 822463 10005",
            "4000 12345 67890 123", "6011000990139424123"})
    void aCardIsFoundAtEveryOffsetDespiteTheSampledPass(String digits) {
        String card = withLuhnDigit(digits);
        for (int offset = 0; offset < 40; offset++) {
            String text = "order ready ".repeat(4).substring(0, offset) + " " + card + " shipped, total 12 items";
            assertThat(r.redact(text)).as("offset %d", offset).isEqualTo(text.replace(card, "****"));
        }
    }

    @Test
    void theSampledCardPassFindsExactlyWhatACheckAtEveryDigitFinds() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "0123456789012345678901234567890123456789 - x.,";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(70);
            while (b.length() < length) {
                if (random.nextInt(8) == 0) {
                    b.append(withLuhnDigit("4111111111111111".substring(0, 13 + random.nextInt(4))));
                } else {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = b.toString();
            assertThat(r.redact(text)).as("%s", text).isEqualTo(everyDigit(text));
        }
    }

    @Test
    void arbitraryTextNeverBreaksTheScanner() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "eyJbBAKIS=:@\"' \t\n-._/+~0123456789abcXYZ{}[],;&é日Bearer Basic token password ";
        Redaction custom = r.maskKeys("ssn").maskPattern("acct-[0-9]+");
        for (int round = 0; round < 50_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(60);
            while (b.length() < length) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            String once = custom.redact(text);
            assertThat(once).as("%s", text).isNotNull();
            assertThat(custom.redact(once)).as("%s", text).isNotNull();
            custom.isSensitiveKey(text);
        }
    }

    /** The reference: {@link Cards#detect} tried at every digit that starts a number, left to right. */
    private static String everyDigit(String s) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            if (Character.isDigit(s.charAt(i)) && (i == 0 || !Character.isDigit(s.charAt(i - 1)))) {
                long r = Cards.detect(s, i, s.length());
                if (r >= 0) {
                    out.append(s, copied, (int) (r >>> 32)).append(Redaction.MASK);
                    copied = (int) r;
                    i = (int) r;
                    continue;
                }
            }
            i++;
        }
        return out.append(s, copied, s.length()).toString();
    }

    /** Replaces the last digit with the one that makes the number pass Luhn. */
    private static String withLuhnDigit(String digits) {
        String body = digits.substring(0, digits.length() - 1);
        for (char d = '0'; d <= '9'; d++) {
            String candidate = body + d;
            if (Cards.luhn(candidate, 0, candidate.length())) {
                return candidate;
            }
        }
        throw new AssertionError(digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "4111111111111112", "5555555555554445", "1234567812345670",
            "4111 1111 1111", "4111 11 1111 1111 1111", "41111111111111111111111", "4111.1111.1111.1111"})
    void numbersThatAreNotCardsStay(String number) {
        String text = "value " + number + " end";
        assertThat(r.redact(text)).isSameAs(text);
    }

    @Test
    void sensitiveKeyValuesHaveTheirValueMasked() {
        assertThat(r.redact("login password=hunter2 user=bob")).isEqualTo("login password=**** user=bob");
        assertThat(r.redact("password: hunter2")).isEqualTo("password: ****");
        assertThat(r.redact("db.password = hunter2;")).isEqualTo("db.password = ****;");
        assertThat(r.redact("{\"password\":\"hun ter\\\"2\",\"user\":\"bob\"}"))
                .isEqualTo("{\"password\":\"****\",\"user\":\"bob\"}");
        assertThat(r.redact("{'client_secret': 'abc'}")).isEqualTo("{'client_secret': '****'}");
        assertThat(r.redact("GET /cb?code=1&access_token=abc.def&state=x"))
                .isEqualTo("GET /cb?code=1&access_token=****&state=x");
        assertThat(r.redact("X-Api-Key: k-123\nAccept: */*")).isEqualTo("X-Api-Key: ****\nAccept: */*");
        assertThat(r.redact("token=Bearer abc")).isEqualTo("token=****");
    }

    @Test
    void headerValuesOfAuthorizationAndCookiesAreMaskedToTheLineEnd() {
        assertThat(r.redact("Authorization: Digest username=\"bob\", response=\"6629fae4\"\nHost: x"))
                .isEqualTo("Authorization: ****\nHost: x");
        assertThat(r.redact("Cookie: theme=dark; JSESSIONID=abc123")).isEqualTo("Cookie: ****");
        assertThat(r.redact("{Authorization=Bearer abc, Accept=*/*}")).isEqualTo("{Authorization=****, Accept=*/*}");
        assertThat(r.redact("Proxy-Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l")).isEqualTo("Proxy-Authorization: ****");
    }

    @Test
    void emailAddressesAreMaskedUnlessAllowed() {
        String text = "mail bob.smith+shop@mail.example.co.uk, now";
        assertThat(r.redact(text)).isEqualTo("mail ****, now");
        assertThat(r.allowEmails(true).redact(text)).isSameAs(text);
        assertThat(r.allowEmails(true).allowEmails(false)).isEqualTo(r);
        assertThat(r.redact("to <alice@example.com>.")).isEqualTo("to <****>.");
    }

    @Test
    void userKeysAndPatternsAddToTheDefaults() {
        Redaction custom = r.maskKeys("ssn", "iban").maskPattern("acct-[0-9]{6,}");
        assertThat(custom.redact("ssn=123-45-6789 IBAN: DE89370400440532013000 acct-1234567 acct-12"))
                .isEqualTo("ssn=**** IBAN: **** **** acct-12");
        assertThat(custom.redact("password=x")).isEqualTo("password=****");
        assertThat(r.redact("ssn=123-45-6789")).isEqualTo("ssn=123-45-6789");
        assertThat(custom.patterns()).containsExactly("acct-[0-9]{6,}");
        assertThat(custom.sensitiveKeys()).contains("ssn", "iban", "password", "apikey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "db.password", "DB_PASSWORD", "dbPassword", "spring.datasource.password",
            "x-api-key", "X-API-KEY", "apiKey", "api.key", "XApiKey", "access_token", "accessToken", "X-Auth-Token",
            "refresh-token", "set-cookie", "Set_Cookie", "cookie", "client_secret", "private-key", "privateKey",
            "proxy-authorization", "aws_secret_access_key", "credentials", "oauth2Token", "passwordHash", "pwd"})
    void sensitiveKeysMatchWholeWordsIgnoringCaseAndSeparators(String key) {
        assertThat(r.isSensitiveKey(key)).isTrue();
        assertThat(r.redactValue(key, "v")).isEqualTo(Redaction.MASK);
    }

    @Test
    void keyAnswersStayRightPastTheRememberedOnes() {
        Redaction fresh = Redaction.defaults().maskKeys("tenant-secret-id");
        for (int i = 0; i < 10_000; i++) {
            assertThat(fresh.isSensitiveKey("attr." + i)).isFalse();
            assertThat(fresh.isSensitiveKey("x-api-key-" + i)).isTrue();
        }
        assertThat(fresh.isSensitiveKey("x.api.key")).isTrue();
        assertThat(fresh.isSensitiveKey("http.route")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokens", "input_tokens", "tokenizer", "passwordless", "http.route", "user.id", "secretary",
            "key", "monkey", "cookies", "author", "api", "", "error.type", "code.function.name"})
    void otherKeysAreNotSensitive(String key) {
        assertThat(r.isSensitiveKey(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "550e8400-e29b-41d4-a716-446655440000",
        "12345678-1234-4234-8234-123456789012",
        "2024-11-22T10:15:30.123456789Z",
        "2024-11-22 10:15:30,123 INFO [main] started in 1234 ms",
        "epoch ms 1732270530123, ns 1732270530123456789",
        "0.30000000000000004 and 4.111111111111111E8",
        "Basic authentication failed: Bearer token missing",
        "at java.base@17.0.9/java.lang.Thread.run(Thread.java:833)",
        "dev.vigil.Foo@1b6d3586 and @Timed on method",
        "GET https://example.com:8443/orders/42?page=2&size=50 -> 200",
        "10.0.0.1:8080 a=b key=value tokens=5 passwordless=true",
        "phone +4917612345678, order ORD-2024-000123, sku 400000000000",
        "the eyJ prefix alone, Bearer, Basic, AKIA, A B C",
        "café naïve 日本語 ümlaut"
    })
    void ordinaryTextComesBackAsTheSameInstance(String text) {
        assertThat(r.redact(text)).isSameAs(text);
    }

    @Test
    void redactionIsIdempotent() {
        String once = r.redact("password=hunter2 Bearer abc123def " + JWT + " bob@example.com 4111111111111111");
        assertThat(once).isEqualTo("password=**** Bearer **** **** **** ****");
        assertThat(r.redact(once)).isEqualTo(once);
    }

    @Test
    void valuesMapsAndFailuresAreRedacted() {
        assertThat(r.redactValue("note", "call bob@example.com")).isEqualTo("call ****");
        assertThat(r.redactValue("note", null)).isNull();
        assertThat(r.redactValue(null, "x")).isEqualTo("x");
        Map<String, String> in = new LinkedHashMap<>();
        in.put("user", "bob");
        in.put("api-key", "k1");
        in.put("msg", "password=x");
        assertThat(r.redactValues(in)).containsExactly(Map.entry("user", "bob"), Map.entry("api-key", "****"),
                Map.entry("msg", "password=****"));

        Exception e = new IllegalStateException("login failed for bob@example.com",
                new RuntimeException("password=hunter2"));
        assertThat(r.redactMessage(e)).isEqualTo("login failed for ****");
        assertThat(r.redactMessage(new RuntimeException())).isNull();
        String trace = r.redactStackTrace(e);
        assertThat(trace).startsWith("java.lang.IllegalStateException: login failed for ****")
                .contains("Caused by: java.lang.RuntimeException: password=****")
                .contains("at dev.vigil.RedactionTest.valuesMapsAndFailuresAreRedacted")
                .doesNotContain("hunter2").doesNotContain("bob@");
    }

    @Test
    void aFailureWhoseOwnMethodsThrowIsStillRedactedSafely() {
        Exception hostile = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("boom");
            }
        };
        assertThat(r.redactMessage(hostile)).isNull();
        assertThat(r.redactStackTrace(hostile)).isEqualTo(hostile.getClass().getName());
    }

    @Test
    void noneMasksNothingButCanBeGivenKeysAndPatterns() {
        String text = "password=hunter2 " + JWT + " bob@example.com 4111111111111111";
        assertThat(Redaction.none().redact(text)).isSameAs(text);
        assertThat(Redaction.none().isSensitiveKey("password")).isFalse();
        assertThat(Redaction.none().maskKeys("password").redact(text)).startsWith("password=**** eyJ");
        assertThat(Redaction.none().allowEmails(false).redact("a bob@example.com")).isEqualTo("a ****");
    }

    @Test
    void policiesAreImmutableValues() {
        Redaction more = r.maskKeys("ssn");
        assertThat(more).isNotSameAs(r).isNotEqualTo(r);
        assertThat(r.isSensitiveKey("ssn")).isFalse();
        assertThat(more).isEqualTo(Redaction.defaults().maskKeys("SSN")).hasSameHashCodeAs(r.maskKeys("s.s.n"));
        assertThat(more.toString()).contains("ssn");
    }

    @Test
    void badKeysAndPatternsFailAtConfiguration() {
        assertThatThrownBy(() -> r.maskKeys("a b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> r.maskKeys("-_.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.maskKeys((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.maskPattern("acct-(")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acct-(");
        assertThatThrownBy(() -> r.maskPattern("x*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aPatternThatCanMatchEmptyTextInPlaceMasksOnlyRealMatches() {
        assertThat(Redaction.none().maskPattern("\\bacct-[0-9]+|(?=zz)").redact("x acct-12 zz")).isEqualTo("x **** zz");
    }

    @Test
    void theNoMatchPathAllocatesNothing() {
        String text = "2024-11-22T10:15:30Z INFO checkout order 42 for plan=pro took 137 ms on worker-3; "
                + "trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7 user 12345 status=200 bytes=5120 ok!";
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 1_000; i++) {
            assertThat(r.redact(text)).isSameAs(text);
        }
        long before = threads.getThreadAllocatedBytes(id);
        int same = 0;
        for (int i = 0; i < 10_000; i++) {
            same += r.redact(text) == text ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(same).isEqualTo(10_000);
        // 10,000 calls: anything per call would be at least 160 kB; the allowance covers the measuring itself.
        assertThat(allocated).isLessThan(4_096);
    }
}
