package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prices, the price file, the daily budget and provider names: checked at build, applied at close. */
@SuppressWarnings("try") // calls opened for their effect
class GenAiConfigTest {
    @TempDir
    Path dir;

    private static VigilBuilder builder(InMemoryMetrics metrics) {
        return Vigil.builder().discoverBackends(false).configSource(ConfigSource.empty()).metrics(metrics);
    }

    private static double sumOf(InMemoryMetrics metrics, String name) {
        return metrics.sums.entrySet().stream().filter(e -> e.getKey().contains(name + "{") || e.getKey().contains(name + " "))
                .mapToDouble(e -> e.getValue().sum()).sum();
    }

    private static DoubleSupplier gauge(InMemoryMetrics metrics, String name) {
        return metrics.gauges.entrySet().stream().filter(e -> e.getKey().contains(name)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no gauge " + name + " in " + metrics.gauges.keySet()));
    }

    private static void chat(Vigil vigil, String provider, String model, long in, long out, long cached) {
        try (GenAiCall call = vigil.genAi().chat(provider, model).start()) {
            call.usage(in, out, cached, 0);
        }
    }

    @Test
    void thePriceFileIsReadWithCommentsQuotesAndADefaultCacheReadPrice() throws IOException {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, String.join("\n",
                "# US dollars per million tokens",
                "openai:",
                "  gpt-4o-mini: {input: 0.15, output: 0.60, cache_read: 0.075}   # the small one",
                "",
                "\"ollama\":",
                "  'llama3:8b': {input: 1, output: 2}"), StandardCharsets.UTF_8);
        InMemoryMetrics metrics = new InMemoryMetrics();
        try (Vigil vigil = builder(metrics).genAiPrices(file).build()) {
            chat(vigil, "OpenAI", "gpt-4o-mini", 2_000_000, 1_000_000, 1_000_000);  // 0.15 + 0.075 + 0.60
            chat(vigil, "OLLAMA", "llama3:8b", 1_000_000, 0, 500_000);              // cache reads at the input price
        }
        assertThat(sumOf(metrics, "gen_ai.client.cost")).isCloseTo(0.825 + 1.0, within(1e-9));
    }

    @Test
    void theBuildersPriceWinsOverTheFile() throws IOException {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, "openai:\n  gpt-4o-mini: {input: 100, output: 100}\n", StandardCharsets.UTF_8);
        InMemoryMetrics metrics = new InMemoryMetrics();
        try (Vigil vigil = builder(metrics).genAiPrices(file).genAiPrice("openai", "gpt-4o-mini", 1, 2, 0.5).build()) {
            chat(vigil, "openai", "gpt-4o-mini", 1_000_000, 1_000_000, 0);
        }
        assertThat(sumOf(metrics, "gen_ai.client.cost")).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void badPricesFailNamingTheSetting() throws IOException {
        assertThatThrownBy(() -> Vigil.builder().genAiPrice("openai", "gpt-4o", -1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genAiPrice(openai, gpt-4o)")
                .hasMessageContaining("input");
        assertThatThrownBy(() -> Vigil.builder().genAiPrice("openai", "gpt-4o", 1, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
        assertThatThrownBy(() -> Vigil.builder().genAiDailyBudgetUsd(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genAiDailyBudgetUsd");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "openai:\n  gpt-4o: {input: 2.5, output: 10}\n  gpt-4o-mini: {input: cheap, output: 1}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> builder(new InMemoryMetrics()).genAiPrices(bad).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vigil.genai.prices'")
                .hasMessageContaining("line 3");
        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, "openai:\n  gpt-4o: {input: -2.5, output: 10}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> builder(new InMemoryMetrics()).genAiPrices(negative).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vigil.genai.prices'");
        assertThatThrownBy(() -> builder(new InMemoryMetrics()).genAiPrices(dir.resolve("missing.yaml")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vigil.genai.prices'")
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> Vigil.builder().discoverBackends(false)
                .configSource(ConfigSource.of(Map.of("vigil.genai.daily-budget-usd", "lots"))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vigil.genai.daily-budget-usd'");
    }

    @Test
    void theBudgetIsTheUtcDaysSpendAndStartsAgainAtMidnight() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:00Z"));
        InMemoryMetrics metrics = new InMemoryMetrics();
        try (Vigil vigil = builder(metrics).genAiPrice("openai", "gpt-4o-mini", 1, 1, 1).genAiDailyBudgetUsd(4)
                .genAiClock(clock).build()) {
            DoubleSupplier ratio = gauge(metrics, "gen_ai.budget.used_ratio");
            assertThat(ratio.getAsDouble()).isZero();
            chat(vigil, "openai", "gpt-4o-mini", 1_000_000, 1_000_000, 0);   // 2 USD
            assertThat(ratio.getAsDouble()).isCloseTo(0.5, within(1e-9));
            chat(vigil, "openai", "gpt-4o-mini", 1_000_000, 1_000_000, 0);
            assertThat(ratio.getAsDouble()).isCloseTo(1.0, within(1e-9));
            clock.now = Instant.parse("2026-03-02T00:00:00Z");
            assertThat(ratio.getAsDouble()).isZero();
            chat(vigil, "openai", "gpt-4o-mini", 500_000, 500_000, 0);       // 1 USD on the new day
            assertThat(ratio.getAsDouble()).isCloseTo(0.25, within(1e-9));
        }
    }

    @Test
    void providerNamesAreTheSpecsValues() {
        assertThat(GenAi.providerName("OPEN_AI")).isEqualTo("openai");
        assertThat(GenAi.providerName("OpenAI")).isEqualTo("openai");
        assertThat(GenAi.providerName("AZURE_OPEN_AI")).isEqualTo("azure.ai.openai");
        assertThat(GenAi.providerName("ANTHROPIC")).isEqualTo("anthropic");
        assertThat(GenAi.providerName("GOOGLE_VERTEX_AI_GEMINI")).isEqualTo("gcp.vertex_ai");
        assertThat(GenAi.providerName("gcp.vertex_ai")).isEqualTo("gcp.vertex_ai");
        assertThat(GenAi.providerName("AMAZON_BEDROCK")).isEqualTo("aws.bedrock");
        assertThat(GenAi.providerName("OLLAMA")).isEqualTo("ollama");
        assertThat(GenAi.providerName("MISTRAL_AI")).isEqualTo("mistral_ai");
        assertThat(GenAi.providerName("MyProxy")).isEqualTo("myproxy");
        assertThat(GenAi.providerName(null)).isEqualTo("_OTHER");
    }

    @Test
    void badInputAndTheNoopInstanceNeverThrow() {
        try (WarningCollector warnings = new WarningCollector()) {
            try (GenAiCall call = Vigil.noop().genAi().chat(null, null).serverPort(0).start()) {
                call.chunk().usage(-1, 5).finishReason(null).error(null).errorType(null).prompt(null).completion(null);
            }
            Vigil.noop().genAi().fallback(null, null, null);
            Vigil.noop().genAi().responseCache(null).hit();
            try (Observation o = Vigil.noop().genAi().pipeline(null).start()) {
                o.attribute("k", java.util.List.of("v"));
            }
            assertThat(warnings.kinds).contains("invalid-genai");
        }
        InMemoryMetrics metrics = new InMemoryMetrics();
        GenAiCall call;
        try (Vigil vigil = builder(metrics).build()) {
            call = vigil.genAi().chat("openai", "gpt-4o-mini").start();
            call.close();
            call.usage(10, 10).chunk();
            call.close();
        }
        assertThat(metrics.counts.keySet().stream().filter(k -> k.contains("gen_ai.client.operation.duration"))
                .mapToLong(metrics::count).sum()).isEqualTo(1);
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
