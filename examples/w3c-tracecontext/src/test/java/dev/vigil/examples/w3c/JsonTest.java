package dev.vigil.examples.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example's JSON codec and the reading of the harness's instruction. */
class JsonTest {

    @Test
    void parsesEveryKindOfValueAndKeepsMemberOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5, 3e2, 0, true, false, null], \"a\": {\"x\": \"y\"}, \"e\": []} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5"), new BigDecimal("3e2"),
                new BigDecimal("0"), true, false, null));
        expected.put("a", Map.of("x", "y"));
        expected.put("e", List.of());
        assertThat(v).isEqualTo(expected);
        assertThat(new ArrayList<Object>(((Map<?, ?>) v).keySet())).containsExactly("b", "a", "e");
    }

    @Test
    void decodesEveryEscape() {
        assertThat(Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\uD800\""))
                .isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800");
    }

    @Test
    void writesCompactAsciiJsonThatParsesBackToTheSameValue() {
        String text = "[{\"url\":\"http://127.0.0.1:7777/a.0\",\"arguments\":[{\"url\":\"u\",\"arguments\":[]}]},"
                + "{\"s\":\"\\\"\\\\\\n\\t\\u0001\\u00e9\\ud800\"},-0.5,1E+3,12345678901234567890123,true,null,{}]";

        Object parsed = Json.parse(text);

        assertThat(Json.write(parsed)).isEqualTo(text);
        assertThat(Json.parse(Json.write(parsed))).isEqualTo(parsed);
    }

    @Test
    void writesJavaValuesToo() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("i", 42);
        map.put("d", 0.1);
        map.put("n", null);
        map.put("l", List.of("a\u2028"));

        assertThat(Json.write(map)).isEqualTo("{\"i\":42,\"d\":0.1,\"n\":null,\"l\":[\"a\\u2028\"]}");
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAsPythonDoes() {
        assertThat(Json.parse("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", new BigDecimal("2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[", "[1,]", "[,1]", "{\"a\":1,}", "{a:1}", "{'a':1}", "01", "-", "1.", ".5", "1e",
        "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"a\u0001\"", "[1] 2",
        "[1]]", "{\"a\" 1}", "/* c */ 1", "1e99999999999"})
    void rejectsWhatIsNotStrictJson(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than " + Json.MAX_DEPTH);
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.write(Json.parse(ok))).isEqualTo(ok);
    }

    @Test
    void callbacksCarryTheirArgumentsAsJsonAndEmptyOrMissingArgumentsAsAnEmptyArray() {
        List<Callback> callbacks = Callback.parseAll("[{\"url\": \"http://h:1/a.0\", \"arguments\": []},"
                + " {\"url\": \"http://h:1/a.1\", \"arguments\": [{\"url\": \"http://h:1/b\", \"arguments\": [1, {\"k\": \"v\"}]}]},"
                + " {\"url\": \"http://h:1/a.2\"}, {\"url\": \"http://h:1/a.3\", \"arguments\": null},"
                + " {\"url\": \"https://h/a.4\", \"arguments\": {\"not\": \"a list\"}}]");

        assertThat(callbacks).extracting(Callback::url).extracting(URI::toString).containsExactly(
                "http://h:1/a.0", "http://h:1/a.1", "http://h:1/a.2", "http://h:1/a.3", "https://h/a.4");
        assertThat(callbacks).extracting(Callback::body).containsExactly("[]",
                "[{\"url\":\"http://h:1/b\",\"arguments\":[1,{\"k\":\"v\"}]}]", "[]", "[]", "{\"not\":\"a list\"}");
    }

    @Test
    void unusableElementsAreSkippedAndANonArrayIsRejected() {
        assertThat(Callback.parseAll("[1, \"x\", {}, {\"url\": 5}, {\"url\": \"ftp://h/x\"}, {\"url\": \"relative\"},"
                + " {\"url\": \"http://bad host/\"}, {\"url\": \"http://h/ok\"}]"))
                .extracting(c -> c.url().toString()).containsExactly("http://h/ok");
        assertThat(Callback.parseAll("[]")).isEmpty();
        assertThatThrownBy(() -> Callback.parseAll("{\"url\": \"http://h/\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON array");
    }
}
