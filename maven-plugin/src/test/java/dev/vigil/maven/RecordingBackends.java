package dev.vigil.maven;

import dev.vigil.spi.CounterInstrument;
import dev.vigil.spi.MeterSpec;
import dev.vigil.spi.MetricsBackend;
import dev.vigil.spi.ObservationContext;
import dev.vigil.spi.ObservationHandler;
import dev.vigil.spi.SummaryInstrument;
import dev.vigil.spi.TimerInstrument;
import dev.vigil.spi.VigilBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/** In-memory backends that remember what instrumented code recorded. */
final class RecordingBackends {
    private RecordingBackends() {
    }

    /** Remembers every counter increment and timer recording, by {@link MeterSpec#toString()}: {@code TIMER name{k=v}}. */
    static final class Metrics implements MetricsBackend {
        final Map<String, List<Double>> counts = new ConcurrentHashMap<>();
        final Map<String, List<Long>> timings = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "test-metrics";
        }

        @Override
        public CounterInstrument counter(MeterSpec spec) {
            List<Double> values = counts.computeIfAbsent(spec.toString(), k -> new CopyOnWriteArrayList<>());
            return values::add;
        }

        @Override
        public TimerInstrument timer(MeterSpec spec) {
            List<Long> values = timings.computeIfAbsent(spec.toString(), k -> new CopyOnWriteArrayList<>());
            return values::add;
        }

        @Override
        public SummaryInstrument summary(MeterSpec spec) {
            return value -> { };
        }

        @Override
        public <T> void gauge(MeterSpec spec, T obj, ToDoubleFunction<T> valueFunction) {
        }

        /** @return how often the counter with this spec string was incremented */
        int count(String spec) {
            return counts.getOrDefault(spec, List.of()).size();
        }

        /** @return the durations recorded by the timer with this spec string */
        List<Long> timings(String spec) {
            return timings.getOrDefault(spec, List.of());
        }
    }

    /** Remembers observations: {@code start Name}, {@code scope Name}, {@code stop Name [error.type]}. */
    static final class Tracing implements VigilBackend, ObservationHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<ObservationContext> stopped = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test-tracing";
        }

        @Override
        public ObservationHandler observationHandler() {
            return this;
        }

        @Override
        public Object onStart(ObservationContext context) {
            events.add("start " + context.name());
            return context.name();
        }

        @Override
        public void onScopeClosed(ObservationContext context, Object state) {
            events.add("scope " + state);
        }

        @Override
        public void onStop(ObservationContext context, Object state) {
            events.add("stop " + state + (context.errorType() == null ? "" : " " + context.errorType()));
            stopped.add(context);
        }
    }
}
