package dev.vigil.otel;

import dev.vigil.spi.ExporterHealth;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Learns what the span pipeline drops and reports it as {@code vigil.dropped{backend="otel", reason}}.
 *
 * <p>Queue drops come from the {@code BatchSpanProcessor} itself: it is given this {@link MeterProvider} (with
 * {@code InternalTelemetryVersion.LATEST}) and reports every span it finishes with on the counter
 * {@code otel.sdk.processor.span.processed}, with {@code error.type} = {@code queue_full} (or
 * {@code already_shutdown}) for the ones it rejected. Reading the processor's own count is exact, costs nothing on
 * the accepted path beyond the processor's own call, and needs no guess at its queue. Every other instrument is
 * OpenTelemetry's no-op. Export failures are counted by {@link #exporter} as {@code export_failed}, and
 * reported in one rate-limited line by {@link ExportFailures}.
 *
 * <p>Drops happen when the application outruns the exporter, exactly when their cost matters most; so a drop costs
 * an atomic add, and counts reach {@code vigil.dropped} in chunks of {@value #CHUNK}, with the rest reported at every
 * export and at {@link #flush()} (close).
 */
final class DropCounting implements MeterProvider {
    static final String BACKEND = "otel";
    private static final String PROCESSED = "otel.sdk.processor.span.processed";
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Where drops go: {@code BackendContext::dropped} bound to the backend name. */
    interface Sink {
        void dropped(String reason, long count);
    }

    static final int CHUNK = 256;

    private final Sink sink;
    /** The {@code exporter.otel} health check's counts: spans exported, failed exports, spans dropped. */
    private final ExporterHealth health;
    private final Meter noop = MeterProvider.noop().get("noop");
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The processor passes the same Attributes instance for each reason: remember the last one seen. */
    private volatile Pending last;

    DropCounting(Sink sink) {
        this(sink, new ExporterHealth());
    }

    DropCounting(Sink sink, ExporterHealth health) {
        this.sink = sink;
        this.health = health;
    }

    /** Reports every count not yet reported. */
    void flush() {
        for (Pending p : pending.values()) {
            p.flush();
        }
    }

    /**
     * Wraps an exporter so that a failed export counts its spans as dropped ({@code export_failed}) and is reported
     * to {@code failures}; its shutdown runs once, however many callers ask (the batch processor and a close that
     * gives up waiting).
     */
    SpanExporter exporter(SpanExporter delegate, ExportFailures failures) {
        return new SpanExporter() {
            private final AtomicReference<CompletableResultCode> shutdown = new AtomicReference<>();

            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                int n = spans.size();
                CompletableResultCode result;
                try {
                    result = delegate.export(spans);
                } catch (RuntimeException e) {
                    // Reported here, in one line a minute, rather than by the batch processor with a stack trace.
                    result = CompletableResultCode.ofExceptionalFailure(e);
                }
                CompletableResultCode r = result;
                r.whenComplete(() -> {
                    if (!r.isSuccess()) {
                        sink.dropped("export_failed", n);
                        health.failed(n);
                        failures.failed(r.getFailureThrowable(), n);
                    } else {
                        health.exported(n);
                    }
                });
                return r;
            }

            @Override
            public CompletableResultCode flush() {
                return delegate.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                CompletableResultCode mine = new CompletableResultCode();
                CompletableResultCode first = shutdown.compareAndExchange(null, mine);
                if (first != null) {
                    return first;
                }
                CompletableResultCode done = delegate.shutdown();
                done.whenComplete(() -> {
                    if (done.isSuccess()) {
                        mine.succeed();
                    } else {
                        mine.fail();
                    }
                });
                return mine;
            }

            @Override
            public String toString() {
                return "DropCounting{" + delegate + '}';
            }
        };
    }

    @Override
    public MeterBuilder meterBuilder(String instrumentationScopeName) {
        return new MeterBuilder() {
            @Override
            public MeterBuilder setSchemaUrl(String schemaUrl) {
                return this;
            }

            @Override
            public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
                return this;
            }

            @Override
            public Meter build() {
                return meter;
            }
        };
    }

    private final Meter meter = new Meter() {
        @Override
        public LongCounterBuilder counterBuilder(String name) {
            return PROCESSED.equals(name) ? new ProcessedBuilder() : noop.counterBuilder(name);
        }

        @Override
        public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
            return noop.upDownCounterBuilder(name);
        }

        @Override
        public DoubleHistogramBuilder histogramBuilder(String name) {
            return noop.histogramBuilder(name);
        }

        @Override
        public DoubleGaugeBuilder gaugeBuilder(String name) {
            return noop.gaugeBuilder(name);
        }
    };

    private final class ProcessedBuilder implements LongCounterBuilder {
        @Override
        public LongCounterBuilder setDescription(String description) {
            return this;
        }

        @Override
        public LongCounterBuilder setUnit(String unit) {
            return this;
        }

        @Override
        public DoubleCounterBuilder ofDoubles() {
            return noop.counterBuilder(PROCESSED).ofDoubles();
        }

        @Override
        public LongCounter build() {
            return new Processed();
        }

        @Override
        public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
            return noop.counterBuilder(PROCESSED).buildWithCallback(callback);
        }
    }

    /** Counts only what carries an error.type: a successful export is not a drop. */
    private final class Processed implements LongCounter {
        @Override
        public void add(long value) {
        }

        @Override
        public void add(long value, Attributes attributes) {
            if (value <= 0) {
                return;
            }
            Pending p = last;
            if (p == null || p.attributes != attributes) {
                String reason = attributes.get(ERROR_TYPE);
                if (reason == null) {
                    flush(); // spans were exported: a good moment to report what was dropped meanwhile
                    return;
                }
                p = pending.computeIfAbsent(reason, r -> new Pending(r, attributes));
                last = p;
            }
            p.add(value);
        }

        @Override
        public void add(long value, Attributes attributes, Context context) {
            add(value, attributes);
        }
    }

    /** Drops of one reason: counted at once, reported to the sink in chunks. */
    private final class Pending {
        private final String reason;
        private final Attributes attributes;
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong reported = new AtomicLong();

        Pending(String reason, Attributes attributes) {
            this.reason = reason;
            this.attributes = attributes;
        }

        void add(long n) {
            if (total.addAndGet(n) - reported.get() >= CHUNK) {
                flush();
            }
        }

        void flush() {
            long r = reported.get();
            long t = total.get();
            if (t > r && reported.compareAndSet(r, t)) {
                health.dropped(t - r);
                sink.dropped(reason, t - r);
            }
        }
    }
}
