package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request-head parser: what it accepts, and the status it refuses the rest with. */
class HttpHeadParserTest {
    private static HttpHeadParser.Parsed parse(String head) throws HttpHeadParser.Rejected {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return HttpHeadParser.parse(bytes, bytes.length);
    }

    private static int rejected(String head) {
        return catchThrowableOfType(HttpHeadParser.Rejected.class, () -> parse(head)).status;
    }

    @Test
    void parsesACompleteHeadAndSaysHowLongItWas() throws Exception {
        String head = "GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\nAuthorization:  Bearer abc \r\nACCEPT: text/plain\r\n\r\n";
        HttpHeadParser.Parsed p = parse(head + "GET /next");
        assertThat(p.length).isEqualTo(head.length());
        assertThat(p.head.method()).isEqualTo("GET");
        assertThat(p.head.path()).isEqualTo("/metrics");
        assertThat(p.head.header("authorization")).isEqualTo("Bearer abc");
        assertThat(p.head.header("Accept")).isEqualTo("text/plain");
        assertThat(p.head.keepAlive()).isTrue();
        assertThat(p.head.hasBody()).isFalse();
    }

    @Test
    void anIncompleteHeadIsNotYetARequest() throws Exception {
        assertThat(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n")).isNull();
        assertThat(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n\r")).isNull();
        assertThat(parse("")).isNull();
    }

    @Test
    void acceptsBareLineFeedsLeadingEmptyLinesAndAbsoluteTargets() throws Exception {
        assertThat(parse("\r\n\r\nGET /health HTTP/1.1\nHost: x\n\n").head.path()).isEqualTo("/health");
        assertThat(parse("GET http://h:9464/health/ready?q HTTP/1.1\r\nHost: h\r\n\r\n").head.path()).isEqualTo("/health/ready");
        assertThat(parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").head.path()).isEqualTo("*");
    }

    @Test
    void connectionPersistenceFollowsTheVersionAndTheConnectionHeader() throws Exception {
        assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").head.keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").head.keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").head.keepAlive()).isTrue();
        HttpRequestHead withBody = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n").head;
        assertThat(withBody.hasBody()).isTrue();
        assertThat(withBody.keepAlive()).isFalse();
        assertThat(parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").head.hasBody()).isTrue();
        assertThat(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").head.keepAlive()).isTrue();
    }

    @Test
    void refusesMalformedHeadsWith400() {
        assertThat(rejected("GET /metrics\r\nHost: x\r\n\r\n")).isEqualTo(400);
        assertThat(rejected("GET  /metrics HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
        assertThat(rejected("G(T /metrics HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
        assertThat(rejected("GET metrics HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
        assertThat(rejected("GET /metrics FTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
        assertThat(rejected("GET /metrics HTTP/1.1\r\n\r\n")).as("HTTP/1.1 without Host").isEqualTo(400);
        assertThat(rejected("GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n")).as("space before colon").isEqualTo(400);
        assertThat(rejected("GET /metrics HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")).as("obs-fold").isEqualTo(400);
        assertThat(rejected("GET /metrics HTTP/1.1\r\nHost: x\rY: z\r\n\r\n")).as("bare CR").isEqualTo(400);
        assertThat(rejected("GET /metrics HTTP/1.1\r\nHost: x\u0001\r\n\r\n")).as("control character").isEqualTo(400);
        assertThat(rejected("GET /m HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")).isEqualTo(400);
        assertThat(rejected("GET /m HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void refusesOtherVersionsWith505AndTooManyFieldsWith431() {
        assertThat(rejected("GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n")).isEqualTo(505);
        StringBuilder many = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < HttpHeadParser.MAX_FIELDS; i++) {
            many.append("X-").append(i).append(": y\r\n");
        }
        assertThat(rejected(many.append("\r\n").toString())).isEqualTo(431);
    }
}
