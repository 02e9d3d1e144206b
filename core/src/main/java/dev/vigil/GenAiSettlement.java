package dev.vigil;

import dev.vigil.internal.DeferredCalls;
import dev.vigil.internal.ErrorTypes;
import dev.vigil.internal.ManualObservation;

/**
 * How a closed {@link GenAiCall} ends: at once when it has an outcome; with none, deferred to the end of the
 * instrumented method around it on the closing thread, which settles it failed (the method threw) or a success. The
 * span always ends before the metrics are recorded, and the duration is the call's own, measured at close.
 */
final class GenAiSettlement {
    private GenAiSettlement() {
    }

    /**
     * Without the call's lock, once, right after {@link GenAiCall#close()} marked the call closed.
     *
     * @param outcome the call's outcome, already on its span; null when the call had none
     */
    static void settle(GenAiCall call, long nanos, GenAiOutcome outcome) {
        if (outcome != null) {
            end(call, nanos, outcome);
        } else if (DeferredCalls.defer(error -> endDeferred(call, nanos, error))) {
            if (call.span instanceof ManualObservation) {
                // the method must find its own context current at its end
                ((ManualObservation) call.span).leaveScope();
            }
        } else {
            endDeferred(call, nanos, null);
        }
    }

    /** Ends a call deferred to its method's end: failed with the method's exception, or a success. */
    private static void endDeferred(GenAiCall call, long nanos, Throwable methodError) {
        GenAiOutcome outcome;
        synchronized (call) {
            if (methodError != null) {
                call.reported.errorType = ErrorTypes.of(methodError); // as core types the method's own failure
                call.span.error(methodError);
            }
            outcome = GenAiOutcome.of(call, call.chunks);
            outcome.annotate(call.span);
        }
        end(call, nanos, outcome);
    }

    private static void end(GenAiCall call, long nanos, GenAiOutcome outcome) {
        try {
            call.span.close();
        } finally {
            outcome.record(nanos);
        }
    }
}
