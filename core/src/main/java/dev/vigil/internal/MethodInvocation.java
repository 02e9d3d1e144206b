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
            addTag(site.tagKeys[i], String.valueOf(args[site.tagParams[i]]));
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
        if (observation != null) {
            observation.closeScope();
        }
        if (thrown == null && site.async && returned instanceof CompletionStage) {
            ((CompletionStage<?>) returned).whenComplete((v, e) -> {
                try {
                    finish(unwrap(e));
                } catch (RuntimeException | LinkageError x) {
                    ApiWarnings.warn("instrumentation", "instrumented method " + site.functionName + " failed to record: " + x);
                }
            });
            return;
        }
        finish(thrown);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void finish(Throwable error) {
        long nanos = System.nanoTime() - start;
        MeterEngine engine = recorder.engine;
        if (engine != null) {
            if (site.timerName != null) {
                Object t = engine.lookup(MeterType.TIMER, site.timerName, this, "s", site.timerDescription, site.buckets);
                if (error == null) {
                    ((dev.vigil.KpiTimer) t).recordNanos(nanos);
                } else if (t instanceof SafeTimer) {
                    ((SafeTimer) t).recordError(nanos, error);
                }
            }
            if (site.counterName != null) {
                Object c = engine.lookup(MeterType.COUNTER, site.counterName, this, null, site.counterDescription, null);
                if (error == null) {
                    ((dev.vigil.KpiCounter) c).increment();
                } else if (c instanceof SafeCounter) {
                    ((SafeCounter) c).incrementError(ErrorTypes.of(error));
                }
            }
        }
        if (observation != null) {
            observation.stop(error);
        }
    }
}
