package dev.vigil.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/conventions.md} carries tables generated from {@link Conventions#all()} between markers; this test
 * fails when they are out of date. Regenerate with
 * {@code mvn -B -o -q verify -pl core -am -Dtest=ConventionsDocTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvigil.docs.write=true}.
 */
class ConventionsDocTest {
    static final String BEGIN = "<!-- BEGIN GENERATED from dev.vigil.conventions.Conventions: do not edit by hand -->";
    static final String END = "<!-- END GENERATED -->";
    private static final Path DOC = Path.of("..", "docs", "conventions.md");

    @Test
    void docsConventionsMdListsEveryConventionAsTheCodeDefinesIt() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertThat(b).as("docs/conventions.md has the marker " + BEGIN).isNotNegative();
        assertThat(e).as("docs/conventions.md has the marker " + END).isGreaterThan(b);
        String expected = doc.substring(0, b + BEGIN.length()) + "\n" + ConventionsDoc.tables(Conventions.all())
                + doc.substring(e);
        if (Boolean.getBoolean("vigil.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertThat(doc).as("docs/conventions.md is out of date with dev.vigil.conventions.Conventions; regenerate it:"
                + " mvn -B -o -q verify -pl core -am -Dtest=ConventionsDocTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.docs.write=true").isEqualTo(expected);
    }

    @Test
    void everyRowNamesItsPrometheusRendering() {
        MetricConvention size = MetricConvention.builder("storage.operation.size", MetricConvention.Instrument.HISTOGRAM,
                "By").description("Sizes.").build();
        MetricConvention calls = MetricConvention.builder("auth.attempts", MetricConvention.Instrument.COUNTER,
                "{attempt}").description("Attempts.").build();
        assertThat(ConventionsDoc.prometheusName(size)).isEqualTo("storage_operation_size_bytes");
        assertThat(ConventionsDoc.prometheusName(calls)).isEqualTo("auth_attempts_total");
    }
}
