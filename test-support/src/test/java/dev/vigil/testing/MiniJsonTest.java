package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {
    @Test
    void readsObjectsArraysStringsNumbersAndLiterals() {
        Object v = MiniJson.parse(" {\"a\": [1, 2.5e1, -3], \"b\": {\"c\": \"x\\\"\\u0041\\n\"}, \"t\": true,"
                + " \"f\": false, \"n\": null, \"e\": {}, \"l\": []} ");
        assertThat(MiniJson.at(v, "a")).isEqualTo(List.of(1.0, 25.0, -3.0));
        assertThat(MiniJson.at(v, "b", "c")).isEqualTo("x\"A\n");
        assertThat(MiniJson.at(v, "t")).isEqualTo(true);
        assertThat(MiniJson.at(v, "f")).isEqualTo(false);
        assertThat(MiniJson.at(v, "n")).isNull();
        assertThat(MiniJson.at(v, "e")).isEqualTo(Map.of());
        assertThat(MiniJson.at(v, "a", 1)).isEqualTo(25.0);
        assertThat(MiniJson.at(v, "a", 9)).isNull();
        assertThat(MiniJson.at(v, "missing", "deeper")).isNull();
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> MiniJson.parse("{\"a\": 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> MiniJson.parse("{} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> MiniJson.parse("\"open")).hasMessageContaining("unterminated");
    }
}
