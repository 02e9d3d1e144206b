package dev.vigil.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaggageTest {

    @Test
    void parsesTheSpecExampleWithPropertiesAndWhitespace() {
        Baggage b = Baggage.parse(
                "key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue");
        assertThat(b.asMap()).containsExactly(Map.entry("key1", "value1"), Map.entry("key2", "value2"),
                Map.entry("key3", "value3"));
        assertThat(b.getMetadata("key1")).isEqualTo("property1;property2");
        assertThat(b.getMetadata("key2")).isEmpty();
        assertThat(b.getMetadata("key3")).isEqualTo("propertyKey=propertyValue");
        assertThat(b.getMetadata("absent")).isNull();
        assertThat(b.asW3CString())
                .isEqualTo("key1=value1;property1;property2,key2=value2,key3=value3;propertyKey=propertyValue");
    }

    @Test
    void percentDecodingAndEncodingRoundTrip() {
        Baggage b = Baggage.parse(List.of("userId=Am%C3%A9lie", "serverNode=DF%2028,isProduction=false,eq=a=b"));
        assertThat(b.get("userId")).isEqualTo("Amélie");
        assertThat(b.get("serverNode")).isEqualTo("DF 28");
        assertThat(b.get("eq")).isEqualTo("a=b");
        assertThat(b.asW3CString()).isEqualTo("userId=Am%C3%A9lie,serverNode=DF%2028,isProduction=false,eq=a=b");
        Baggage odd = Baggage.empty().put("k", "100% \"q\",;\\ \u20ac \uD83D\uDE00 \uD800");
        assertThat(odd.asW3CString()).isEqualTo("k=100%25%20%22q%22%2C%3B%5C%20%E2%82%AC%20%F0%9F%98%80%20%EF%BF%BD");
        assertThat(Baggage.parse(odd.asW3CString()).get("k")).isEqualTo("100% \"q\",;\\ \u20ac \uD83D\uDE00 \uFFFD");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() {
        assertThat(Baggage.parse("k=a%FFb").get("k")).isEqualTo("a\uFFFDb");
    }

    @Test
    void invalidMembersAreDroppedAloneNeverPartially() {
        Baggage b = Baggage.parse(
                "good=1,bad key=2,noequals,bad=%zz,bad2=a%4,bad3=\"q\",bad4=v;;,bad5=v;=x,ok=;p=1,x=y");
        assertThat(b.asMap()).containsExactly(Map.entry("good", "1"), Map.entry("ok", ""), Map.entry("x", "y"));
        assertThat(b.getMetadata("ok")).isEqualTo("p=1");
        assertThat(Baggage.parse("k=v ; a ;\tb = 1 ").getMetadata("k")).as("whitespace removed").isEqualTo("a;b=1");
        assertThat(Baggage.parse("k=v;a;b=2; c").getMetadata("k")).isEqualTo("a;b=2;c");
        assertThat(Baggage.empty().put("k", "v", " x = %41 ; y").asW3CString()).isEqualTo("k=v;x=%41;y");
        assertThat(Baggage.parse((String) null)).isSameAs(Baggage.empty());
        assertThat(Baggage.parse(" , ,")).isSameAs(Baggage.empty());
    }

    @Test
    void duplicateKeysKeepFirstPositionAndLastValue() {
        assertThat(Baggage.parse("a=1,b=2,a=3").asW3CString()).isEqualTo("a=3,b=2");
    }

    @Test
    void limitsDropWholeMembers() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            many.append("k").append(i).append("=v,");
        }
        Baggage b = Baggage.parse(many.toString());
        assertThat(b.size()).isEqualTo(Baggage.MAX_MEMBERS);
        assertThat(b.get("k63")).isEqualTo("v");
        assertThat(b.put("another", "x")).as("full: new keys are refused").isSameAs(b);
        assertThat(b.put("k0", "x").get("k0")).isEqualTo("x");

        String big = "x".repeat(5000);
        Baggage two = Baggage.parse("a=" + big + ",b=" + big + ",c=small");
        assertThat(two.asMap().keySet()).containsExactly("a", "c");
        Baggage built = Baggage.empty().put("a", big).put("b", big).put("c", "small");
        assertThat(built.asW3CString()).isEqualTo("a=" + big + ",c=small");
        assertThat(Baggage.empty().put("huge", "y".repeat(9000)).asW3CString()).isEmpty();
    }

    @Test
    void putValidatesKeyAndMetadataAndRemoveWorks() {
        Baggage b = Baggage.empty().put("k", "v", "ttl=30;sensitive");
        assertThat(b.asW3CString()).isEqualTo("k=v;ttl=30;sensitive");
        assertThat(b.put("bad key", "v")).isSameAs(b);
        assertThat(b.put("k2", null)).isSameAs(b);
        assertThat(b.put("k2", "v", "bad meta;")).isSameAs(b);
        assertThat(b.put("k2", "v", null).getMetadata("k2")).isEmpty();
        assertThat(b.remove("k")).isSameAs(Baggage.empty());
        assertThat(b.remove("zz")).isSameAs(b);
        assertThat(Baggage.parse("a=1,b=2,c=3").remove("b").asW3CString()).isEqualTo("a=1,c=3");
        assertThat(Baggage.parse("a=1")).isEqualTo(Baggage.empty().put("a", "1")).hasSameHashCodeAs(
                Baggage.empty().put("a", "1"));
        assertThat(b.toString()).contains("k=v");
    }

    @Test
    void propagatorSkipsEmptyBaggageAndReadsRepeatedFields() {
        W3CBaggagePropagator p = W3CBaggagePropagator.getInstance();
        Map<String, String> out = new HashMap<>();
        p.inject(Baggage.empty(), out, MapPropagation.setter());
        p.inject(null, out, MapPropagation.setter());
        assertThat(out).isEmpty();
        Baggage b = p.extract(W3cHarness.headers("Baggage", "a=1", "baggage", "b=2"), W3cHarness.GETTER);
        assertThat(b.asW3CString()).isEqualTo("a=1,b=2");
        assertThat(p.extract(null, W3cHarness.GETTER)).isSameAs(Baggage.empty());
        assertThat(p.fields()).containsExactly("baggage");
    }
}
