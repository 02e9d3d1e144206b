package dev.vigil.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM and system meter binders Vigil adds by default, and their life cycle: some (the GC binder)
 * register JMX notification listeners that must be removed on close, or every closed Vigil would leak
 * one and, worse, a rebuilt Vigil would count each GC pause twice.
 */
final class SystemBinders {
    private static final System.Logger LOGGER = System.getLogger("dev.vigil.micrometer");

    /** A meter that {@link JvmMemoryMetrics} always registers: present means someone bound JVM metrics already. */
    static final String JVM_MARKER_METER = "jvm.memory.used";

    private final List<MeterBinder> bound = new ArrayList<>();

    /**
     * Binds every binder to the registry, unless JVM metrics are already bound there (Spring Boot
     * Actuator binds its own): binding twice would double-count GC pauses through a second listener.
     *
     * @param registry where to bind
     */
    synchronized void bindTo(MeterRegistry registry) {
        if (registry.find(JVM_MARKER_METER).meter() != null) {
            LOGGER.log(System.Logger.Level.DEBUG, "Vigil: JVM metrics are already bound to " + registry
                    + "; not binding them again");
            return;
        }
        registry.config().meterFilter(PrometheusFriendlyJvmNames.FILTER);
        List<MeterBinder> binders = List.of(
                new ClassLoaderMetrics(),
                new JvmMemoryMetrics(),
                new JvmGcMetrics(),
                new JvmThreadMetrics(),
                new JvmInfoMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics(),
                new FileDescriptorMetrics(),
                new DiskSpaceMetrics(new File(System.getProperty("user.dir", "."))));
        for (MeterBinder b : binders) {
            try {
                b.bindTo(registry);
                bound.add(b);
            } catch (RuntimeException | LinkageError e) {
                // One unsupported MXBean (a restricted container, an exotic JVM) must not cost the others.
                LOGGER.log(System.Logger.Level.WARNING, "Vigil: could not bind " + b.getClass().getSimpleName()
                        + ": " + e);
            }
        }
        // After ProcessorMetrics: the id is the same, and the first registration would win.
        PrometheusFriendlyJvmNames.bindCpuTime(registry);
    }

    /** Closes the binders that hold resources (listeners, threads). Never throws. */
    synchronized void close() {
        for (MeterBinder b : bound) {
            if (b instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) b).close();
                } catch (Exception | LinkageError e) {
                    LOGGER.log(System.Logger.Level.WARNING, "Vigil: could not close " + b.getClass().getSimpleName()
                            + ": " + e);
                }
            }
        }
        bound.clear();
    }
}
