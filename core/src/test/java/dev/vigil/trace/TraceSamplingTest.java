package dev.vigil.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import org.junit.jupiter.api.Test;

/** The sampling a tracer reads is the one core applies; both keys are always given, so the environment cannot leak in. */
class TraceSamplingTest {
    private static TraceSampling read(String sampler, String arg) {
        try (Vigil vigil = Vigil.builder().discoverBackends(false)
                .property("otel.traces.sampler", sampler).property("otel.traces.sampler.arg", arg).build()) {
            return TraceSampling.fromConfig(vigil.config());
        }
    }

    @Test
    void readsTheRatioAndWhetherTheParentDecides() {
        TraceSampling ratio = read("parentbased_traceidratio", "0.25");
        assertThat(ratio.ratio()).isEqualTo(0.25);
        assertThat(ratio.isParentBased()).isTrue();
        assertThat(ratio).hasToString("parentbased_traceidratio(0.25)");

        TraceSampling off = read("always_off", "0.25");
        assertThat(off.ratio()).isZero();
        assertThat(off.isParentBased()).isFalse();
        assertThat(off).hasToString("always_off");

        assertThat(read("parentbased_always_on", "0.5")).isEqualTo(read("PARENTBASED_ALWAYS_ON", "0.1"))
                .hasSameHashCodeAs(read("parentbased_always_on", "0.9"))
                .isNotEqualTo(read("always_on", "0.5"));
    }
}
