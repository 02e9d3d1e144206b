package dev.vigil.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceStateTest {

    @Test
    void putMovesKeyToFrontAndKeepsOthersInOrder() {
        TraceState s = TraceState.parse("a=1,b=2,c=3").put("b", "9");
        assertThat(s.asW3CString()).isEqualTo("b=9,a=1,c=3");
        assertThat(s.put("d", "4").asW3CString()).isEqualTo("d=4,b=9,a=1,c=3");
        assertThat(s.get("b")).isEqualTo("9");
        assertThat(s.get("zz")).isNull();
    }

    @Test
    void putOnAFullStateDropsTheRightMostMember() {
        TraceState s = TraceState.empty();
        for (int i = 0; i < TraceState.MAX_MEMBERS; i++) {
            s = s.put("k" + i, "v" + i);
        }
        assertThat(s.size()).isEqualTo(32);
        TraceState more = s.put("new", "x");
        assertThat(more.size()).isEqualTo(32);
        assertThat(more.get("new")).isEqualTo("x");
        assertThat(more.get("k0")).as("k0 was put first, so it is right-most").isNull();
        assertThat(s.put("k0", "y").size()).as("updating an existing key drops nothing").isEqualTo(32);
    }

    @Test
    void invalidPutsLeaveTheStateUnchanged() {
        TraceState s = TraceState.parse("a=1");
        for (String[] kv : Arrays.asList(new String[] {"A", "1"}, new String[] {"@a", "1"}, new String[] {"a b", "1"},
                new String[] {"a", ""}, new String[] {"a", "x "}, new String[] {"a", "x,y"}, new String[] {"a", "x=y"},
                new String[] {null, "1"}, new String[] {"a", null}, new String[] {"k".repeat(257), "1"},
                new String[] {"k", "v".repeat(257)}, new String[] {"k", "caf\u00e9"})) {
            assertThat(s.put(kv[0], kv[1])).as(Arrays.toString(kv)).isSameAs(s);
        }
        assertThat(TraceState.isValidKey("tenant@system")).isTrue();
        assertThat(TraceState.isValidKey("a@@b/c*d_e-f")).isTrue();
        assertThat(TraceState.isValidValue(" leading space is kept")).isTrue();
    }

    @Test
    void removeKeepsOrder() {
        TraceState s = TraceState.parse("a=1,b=2,c=3");
        assertThat(s.remove("b").asW3CString()).isEqualTo("a=1,c=3");
        assertThat(s.remove("x")).isSameAs(s);
        assertThat(TraceState.parse("a=1").remove("a")).isSameAs(TraceState.empty());
    }

    @Test
    void parseCombinesFieldsSkipsEmptyMembersAndKeepsFirstDuplicate() {
        TraceState s = TraceState.parse(List.of("a=1, ,", "", " b=2 ,a=3", "c= x"));
        assertThat(s.asMap()).containsExactly(
                java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"), java.util.Map.entry("c", " x"));
        assertThat(s.asW3CString()).isEqualTo("a=1,b=2,c= x");
    }

    @Test
    void canonicalInputIsReusedVerbatim() {
        String header = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
        assertThat(TraceState.parse(header).asW3CString()).isSameAs(header);
        assertThat(TraceState.parse("a=1, b=2").asW3CString()).isEqualTo("a=1,b=2");
        assertThat(TraceState.parse("a=1,").asW3CString()).isEqualTo("a=1");
    }

    @Test
    void invalidInputIsDiscardedWhole() {
        for (String bad : new String[] {"a=1,b", "a=1,B=2", "a=1,b=\u00e9", "a=1,b=2\u0000", "=1", "a==1",
                "a=1\tb", "a=1,@b=2"}) {
            assertThat(TraceState.parse(bad).isEmpty()).as(bad).isTrue();
        }
        assertThat(TraceState.parse((String) null)).isSameAs(TraceState.empty());
        assertThat(TraceState.parse((List<String>) null)).isSameAs(TraceState.empty());
        assertThat(TraceState.parse(" \t ")).isSameAs(TraceState.empty());
    }

    @Test
    void oversizedInputIsDiscardedWithoutScanning() {
        String padding = " ".repeat(TraceStateParser.MAX_COMBINED_LENGTH);
        assertThat(TraceState.parse("a=1," + padding).isEmpty()).isTrue();
        assertThat(TraceState.parse("a=1," + " ".repeat(20_000)).get("a")).as("whitespace within the limit")
                .isEqualTo("1");
    }

    @Test
    void valueSemantics() {
        assertThat(TraceState.parse("a=1,b=2")).isEqualTo(TraceState.empty().put("b", "2").put("a", "1"))
                .hasSameHashCodeAs(TraceState.empty().put("b", "2").put("a", "1"))
                .isNotEqualTo(TraceState.parse("b=2,a=1"));
        assertThat(TraceState.parse("a=1").toString()).contains("a=1");
    }
}
