package dev.vigil.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Two of Micrometer's JVM meters break Prometheus' naming rules ({@code promtool check metrics} lints them): the
 * processor count renders {@code system_cpu_count}, a gauge with the {@code _count} suffix of a histogram, and the
 * process CPU time renders {@code process_cpu_time_ns_total}, an abbreviated unit. Vigil publishes them as
 * {@code jvm_available_processors} and {@code process_cpu_time_seconds_total} instead.
 */
final class PrometheusFriendlyJvmNames {
    static final String CPU_TIME = "process.cpu.time";

    static final MeterFilter FILTER = new MeterFilter() {
        @Override
        public MeterFilterReply accept(Meter.Id id) {
            // Micrometer's nanosecond counter; Vigil's own, in seconds, replaces it (see bindCpuTime).
            return CPU_TIME.equals(id.getName()) && "ns".equals(id.getBaseUnit())
                    ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
        }

        @Override
        public Meter.Id map(Meter.Id id) {
            return "system.cpu.count".equals(id.getName()) ? id.withName("jvm.available_processors") : id;
        }
    };

    private PrometheusFriendlyJvmNames() {
    }

    /** Registers the process CPU time in seconds, when the JVM reports it. */
    static void bindCpuTime(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            FunctionCounter.builder(CPU_TIME, (com.sun.management.OperatingSystemMXBean) os,
                            b -> Math.max(0, b.getProcessCpuTime()) / 1e9)
                    .description("The CPU time used by the Java virtual machine process")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }
}
