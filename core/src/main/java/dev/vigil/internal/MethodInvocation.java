package dev.vigil.internal;

import dev.vigil.spi.MeterType;
import dev.vigil.spi.ObservationContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** One call of an instrumented method, from enter to the end of its work. Its tags are the {@code @Tag} arguments. */
final class MethodInvocation extends TagArgs {
    private final MethodSite site;
    private final Recorder recorder;
    private final ActiveObservation observation;
    private final long start;

    MethodInvocation(MethodSite site, Recorder recorder, Object[] args) {
        this.site = site;
        this.recorder = recorder;
        for (int i = 0; i < site.tagKeys.length; i++) {
            addTag(site.tagKeys[i], String.valueOf(args[i]));
        }
        if (site.traced) {
            int count = count();
            String[] attrs = new String[2 * count + 2];
            for (int i = 0; i < count; i++) {
                attrs[2 * i] = key(i);
                attrs[2 * i + 1] = value(i);
            }
            attrs[2 * count] = "code.function.name";
            attrs[2 * count + 1] = site.functionName;
            observation = ActiveObservation.start(recorder, new ObservationContext(site.spanName, site.spanKind, attrs));
        } else {
            observation = null;
        }
        start = System.nanoTime();
    }

    void exit(Object returned, Throwable thrown) {
        if (thrown == null && site.async && returned instanceof CompletionStage) {
            if (observation != null) {
                observation.closeScope();
            }
            ((CompletionStage<?>) returned).whenComplete((v, e) -> {
                try {
                    Throwable error = unwrap(e);
                    recordMetrics(error);
                    if (observation != null) {
                        observation.stop(error);
                    }
                } catch (RuntimeException | LinkageError x) {
                    ApiWarnings.warn("instrumentation", "instrumented method " + site.functionName + " failed to record: " + x);
                }
            });
            return;
        }
        // Metrics first, while the method's own span is still current, so an exemplar points at it.
        recordMetrics(thrown);
        if (observation != null) {
            observation.closeScope();
            observation.stop(thrown);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void recordMetrics(Throwable error) {
        long nanos = System.nanoTime() - start;
        MeterEngine engine = recorder.engine;
        if (engine != null) {
            if (site.timerName != null) {
                Object t = error == null
                        ? engine.lookup(MeterType.TIMER, site.timerName, this, "s", site.timerDescription, site.buckets)
                        : engine.lookupError(MeterType.TIMER, site.timerName, this, "s", site.timerDescription, site.buckets, error);
                ((dev.vigil.KpiTimer) t).recordNanos(nanos);
            }
            if (site.counterName != null) {
                Object c = error == null
                        ? engine.lookup(MeterType.COUNTER, site.counterName, this, null, site.counterDescription, null)
                        : engine.lookupError(MeterType.COUNTER, site.counterName, this, null, site.counterDescription, null, error);
                ((dev.vigil.KpiCounter) c).increment();
            }
        }
    }
}
