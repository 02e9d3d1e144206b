package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Streams: chunk timings carry the call's final attributes, stay bounded in memory, and may arrive on any thread. */
class GenAiStreamTest {
    private static long countOf(InMemoryMetrics metrics, String name, String... contained) {
        long n = 0;
        for (Map.Entry<String, java.util.concurrent.atomic.LongAdder> e : metrics.counts.entrySet()) {
            boolean all = e.getKey().contains(" " + name + "{");
            for (String c : contained) {
                all &= e.getKey().contains(c);
            }
            if (all) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    private static Vigil vigil(InMemoryMetrics metrics) {
        return Vigil.builder().discoverBackends(false).configSource(ConfigSource.empty()).metrics(metrics).build();
    }

    @Test
    void aLongStreamRecordsEveryGapWithTheResponseModelOfTheEndOrOfItsTime() {
        InMemoryMetrics metrics = new InMemoryMetrics();
        try (Vigil vigil = vigil(metrics)) {
            try (GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").start()) {
                for (int i = 0; i < 1500; i++) {
                    call.chunk();
                }
                call.responseModel("gpt-4o-mini-2024-07-18");
            }
        }
        String gaps = "gen_ai.client.operation.time_per_output_chunk";
        assertThat(countOf(metrics, gaps)).isEqualTo(1499);
        // the first 1024 gaps were flushed while the stream ran, the rest at close with the response model
        assertThat(countOf(metrics, gaps, "gpt-4o-mini-2024-07-18")).isEqualTo(1499 - 1024);
        assertThat(countOf(metrics, "gen_ai.client.operation.time_to_first_chunk", "gpt-4o-mini-2024-07-18"))
                .isEqualTo(1);
    }

    @Test
    void chunksMayArriveOnAnotherThreadThanTheStart() throws Exception {
        InMemoryMetrics metrics = new InMemoryMetrics();
        try (Vigil vigil = vigil(metrics)) {
            GenAiCall call = vigil.genAi().chat("openai", "gpt-4o-mini").startDetached();
            CompletableFuture.runAsync(() -> {
                call.chunk("abcd").chunk("efgh");
                call.usage(3, 2);
                call.close();
            }).get(10, TimeUnit.SECONDS);
        }
        assertThat(countOf(metrics, "gen_ai.client.operation.duration")).isEqualTo(1);
        assertThat(countOf(metrics, "gen_ai.client.operation.time_per_output_chunk")).isEqualTo(1);
        // reported usage wins over the estimate: no estimated flag
        assertThat(countOf(metrics, "gen_ai.client.token.usage", "estimated")).isZero();
        assertThat(countOf(metrics, "gen_ai.client.token.usage")).isEqualTo(2);
    }
}
