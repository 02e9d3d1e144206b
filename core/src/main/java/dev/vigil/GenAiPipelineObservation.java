package dev.vigil;

import dev.vigil.context.Scope;
import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ConventionMetrics;

/** A pipeline's observation: its span, its duration recorded at close with the span's error type, and its name in the context. */
final class GenAiPipelineObservation extends SpanBackedObservation {
    private final Vigil vigil;
    private final String name;

    GenAiPipelineObservation(Vigil vigil, String name, Observation span, Scope named) {
        super(span, named);
        this.vigil = vigil;
        this.name = name;
    }

    @Override
    String enteredContext() {
        return "the context of pipeline '" + name + "'";
    }

    @Override
    void record(long nanos, String errorType) {
        ConventionMetrics.recordNanos(vigil, GenAiConventions.PIPELINE_DURATION, nanos, "gen_ai.pipeline.name", name,
                "error.type", errorType);
    }
}
