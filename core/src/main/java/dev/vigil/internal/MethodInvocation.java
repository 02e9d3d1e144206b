package dev.vigil.internal;

import dev.vigil.SpanKind;
import dev.vigil.context.Context;
import dev.vigil.spi.MeterType;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One call of an instrumented method, from enter to the end of its work. Its tags are the {@code @Tag} arguments;
 * handlers see them plus {@code code.function.name}.
 */
final class MethodInvocation extends ActiveObservation {
    private static final String CODE_FUNCTION = "code.function.name";

    private final MethodSite site;
    private final long start;

    MethodInvocation(MethodSite site, Recorder recorder, Object[] args) {
        this.site = site;
        this.recorder = recorder;
        String[] keys = site.tagKeys;
        for (int i = 0; i < keys.length; i++) {
            addTag(keys[i], String.valueOf(args[i]));
        }
        begin(true);
        // The clock costs ~25 ns a read on these VMs: read it only when a timer will use it.
        start = site.timerName != null ? System.nanoTime() : 0L;
    }

    void exit(Object returned, Throwable thrown) {
        if (thrown == null && site.async && returned instanceof CompletionStage) {
            settleDeferred(null); // the calls it closed ended before it returned its stage
            exitAsync((CompletionStage<?>) returned);
            return;
        }
        try {
            // Metrics first, while the method's own span is still current, so an exemplar points at it.
            recordMetrics(thrown);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "instrumented method " + site.functionName + " failed to record: " + e);
        }
        // Before this method stops, so that a deferred call failing with its exception is the innermost failure.
        settleDeferred(thrown);
        try {
            closeScope();
        } finally {
            stop(thrown);
        }
    }

    /** One field read for a method that never held a deferred call; {@link DeferredCalls} never throws. */
    private void settleDeferred(Throwable thrown) {
        if (site.holdsDeferred) {
            DeferredCalls.methodEnded(site, thrown);
        }
    }

    private void exitAsync(CompletionStage<?> stage) {
        // The stage may complete on any thread: the metrics are recorded there under this call's context, so an
        // exemplar carries this method's ids (or, without a span of its own, those of the span it ran in).
        Context exemplars = null;
        if (recorder.engine != null && (site.timerName != null || site.counterName != null)) {
            exemplars = attachedContext() != null ? attachedContext() : Context.current();
        }
        closeScope();
        pendingOn(stage);
        Context ctx = exemplars;
        try {
            stage.whenComplete((v, e) -> complete(ctx, e));
        } catch (Throwable x) {
            ApiWarnings.warn("instrumentation", "instrumented method " + site.functionName + " returned a stage that"
                    + " cannot be followed: " + x);
            stop(null);
        }
    }

    private void complete(Context ctx, Throwable e) {
        Throwable error = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        try {
            if (ctx == null) {
                recordMetrics(error);
            } else {
                Object token = ContextAccess.enter(ctx);
                try {
                    recordMetrics(error);
                } finally {
                    ContextAccess.exit(ctx, token);
                }
            }
        } catch (Throwable x) {
            ApiWarnings.warn("instrumentation", "instrumented method " + site.functionName + " failed to record: " + x);
        } finally {
            stop(error);
        }
    }

    private void recordMetrics(Throwable error) {
        MeterEngine engine = recorder.engine;
        if (engine != null) {
            if (site.timerName != null) {
                long nanos = System.nanoTime() - start;
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

    @Override
    public String name() {
        return site.spanName;
    }

    @Override
    public SpanKind kind() {
        return site.spanKind;
    }

    @Override
    public boolean isSpan() {
        return site.traced;
    }

    @Override
    public int attributeCount() {
        return count() + 1;
    }

    @Override
    public int startAttributeCount() {
        return count() + 1;
    }

    @Override
    public String attributeKey(int i) {
        return i == count() ? CODE_FUNCTION : key(i);
    }

    @Override
    public Object attributeValue(int i) {
        return i == count() ? site.functionName : value(i);
    }
}
