package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.context.ContextEntries;
import dev.vigil.context.ContextPropagation;
import dev.vigil.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** context().user(id) carries HMAC-SHA256 pseudonyms under the configured key, or the raw id when asked. */
@SuppressWarnings("try")
class UserPseudonymTest {
    private static final String KEY = "0123456789abcdef-test-key";

    @AfterEach
    void reset() {
        Vigil old = Vigil.resetGlobalForTest();
        if (old != null) {
            old.close();
        }
    }

    private static String userIdUnder(String id) {
        try (Scope u = ContextPropagation.get().user(id)) {
            return ContextEntries.current().get("user_id");
        }
    }

    @Test
    void theConfiguredKeyGivesTheDocumentedHmac() {
        Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id-key", KEY).install();
        // HMAC-SHA256("0123456789abcdef-test-key", "user-789"), first 8 bytes, computed outside Java
        assertThat(userIdUnder("user-789")).isEqualTo("9cf36f150d071eca");
        assertThat(userIdUnder("user-790")).isNotEqualTo("9cf36f150d071eca").hasSize(16);
    }

    @Test
    void withoutAKeyPseudonymsAreStableHexButNotTheId() {
        Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id-key", KEY).install();
        Vigil.resetGlobalForTest().close();
        Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id", "pseudonymize")
                .property("vigil.privacy.user-id-key", " ").install();
        String p = userIdUnder("user-789");
        assertThat(p).matches("[0-9a-f]{16}").isNotEqualTo("9cf36f150d071eca").isEqualTo(userIdUnder("user-789"));
    }

    @Test
    void rawModeKeepsIds() {
        Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id", "raw").install();
        assertThat(userIdUnder("user-789")).isEqualTo("user-789");
    }

    @Test
    void aShortKeyFailsAtBuildNamingTheKeyNotItsValue() {
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id-key", "hunter2").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.privacy.user-id-key")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false).property("vigil.privacy.user-id", "hash").build())
                .hasMessageContaining("vigil.privacy.user-id");
    }
}
