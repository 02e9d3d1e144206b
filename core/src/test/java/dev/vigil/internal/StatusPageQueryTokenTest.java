package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusPageQueryTokenTest {
    @Test
    void readsTheTokenParameterOnly() {
        assertThat(ManagementServer.queryToken("/")).isNull();
        assertThat(ManagementServer.queryToken("/?a=1&token=abc%2Bd")).isEqualTo("Bearer abc+d");
        assertThat(ManagementServer.queryToken("/?mytoken=abc")).isNull();
        assertThat(ManagementServer.queryToken("/?token=%ZZ")).as("a malformed escape is no token").isNull();
    }

    @Test
    void escapesEveryHtmlMetaCharacter() {
        assertThat(StatusPage.esc("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(StatusPage.esc("plain")).isEqualTo("plain");
        assertThat(StatusPage.uptime(90_061)).isEqualTo("1 d 1 h 1 min");
    }
}
