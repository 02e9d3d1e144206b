package dev.vigil.internal.operations;

import static dev.vigil.internal.operations.RuleContext.eq;
import static dev.vigil.internal.operations.RuleContext.labels;
import static dev.vigil.internal.operations.RuleContext.s;

import java.util.List;

/**
 * The alerts every service gets: the target is down, JVM heap, CPU and disk (Micrometer's binders, which
 * {@code vigil-metrics-micrometer} binds), and Vigil's own drop counters for the backends installed.
 */
final class PlatformAlerts {
    private static final String INSTANCE = RuleContext.TEST_INSTANCE;

    private PlatformAlerts() {
    }

    static void addTo(RuleContext c) {
        serviceDown(c);
        heap(c);
        cpu(c);
        disk(c);
        if (c.series.has("vigil_logging_dropped") || c.series.hasBackend("logging-json")) {
            drops(c, "LogLinesDropped", "vigil_logging_dropped_total", "level", "WARN",
                    "Log lines of level {{ $labels.level }} are being dropped",
                    "The JSON logging's bounded queue was full and dropped log lines of level {{ $labels.level }} in"
                            + " the last 10 minutes: the service logs faster than the output takes. Lower the level"
                            + " or look at the disk or collector behind the output.");
        }
        if (c.series.has("vigil_dropped") || c.series.hasBackend("otel")) {
            drops(c, "TelemetryDropped", "vigil_dropped_total", "backend", "otel",
                    "Backend {{ $labels.backend }} is dropping telemetry ({{ $labels.reason }})",
                    "Vigil backend {{ $labels.backend }} dropped telemetry in the last 10 minutes for reason"
                            + " {{ $labels.reason }}: a full queue or failing exports. Look at the exporter's endpoint"
                            + " and the collector behind it.");
        }
        if (c.series.has("vigil_errors_dropped") || c.series.hasBackend("sentry")) {
            drops(c, "ErrorReportsDropped", "vigil_errors_dropped_total", "reason", "queue_full",
                    "Error reports are being dropped ({{ $labels.reason }})",
                    "Error events did not reach the error tracker in the last 10 minutes for reason"
                            + " {{ $labels.reason }}. Failures still show in metrics and traces; look at the error"
                            + " tracker's reachability and quota.");
        }
    }

    private static void serviceDown(RuleContext c) {
        AlertRule rule = c.alert("ServiceDown", "critical", "1m", "up{" + eq("job", c.settings.scrapeJob()) + "} == 0",
                "{{ $labels.instance }} of " + Text.annotationLiteral(c.settings.serviceName()) + " is down",
                "Prometheus could not scrape {{ $labels.instance }} (job {{ $labels.job }}) for a minute: the process"
                        + " is down, restarting, or its management port is unreachable.");
        c.add(rule);
        // up is Prometheus' own series: job and instance only.
        String up = "up{" + eq("job", c.settings.scrapeJob()) + ", " + eq("instance", INSTANCE) + '}';
        c.tests.add(new AlertTest("ServiceDown fires when broken", List.of(s(up, "0x20")), List.of(
                new AlertTest.Check("10m", rule.name(), List.of(new AlertTest.Firing(rule,
                        labels("instance", INSTANCE, "job", c.settings.scrapeJob())))))));
        c.tests.add(new AlertTest("ServiceDown stays silent when healthy", List.of(s(up, "1x20")),
                List.of(new AlertTest.Check("10m", rule.name(), List.of()))));
    }

    private static void heap(RuleContext c) {
        AlertRule rule = c.alert("JvmHeapHigh", "warning", "10m",
                "sum by (instance) (" + c.sel("jvm_memory_used_bytes", eq("area", "heap")) + ") / sum by (instance) ("
                        + c.sel("jvm_memory_max_bytes", eq("area", "heap")) + " > 0) > 0.9",
                "Heap of {{ $labels.instance }} is over 90% full",
                "The JVM heap of {{ $labels.instance }} has been more than 90% used for 10 minutes: a leak, or a heap"
                        + " too small for the load. Garbage collection will take more and more CPU.");
        String used = c.input("jvm_memory_used_bytes", "area", "heap", "id", "G1 Old Gen");
        String max = c.input("jvm_memory_max_bytes", "area", "heap", "id", "G1 Old Gen");
        String eden = c.input("jvm_memory_max_bytes", "area", "heap", "id", "G1 Eden Space");
        c.alertWithTests(rule, "20m", labels("instance", INSTANCE),
                List.of(s(used, "950x30"), s(max, "1000x30"), s(eden, "-1x30")),
                List.of(s(used, "100x30"), s(max, "1000x30"), s(eden, "-1x30")));
    }

    private static void cpu(RuleContext c) {
        AlertRule rule = c.alert("ProcessCpuHigh", "warning", "15m",
                "max by (instance) (" + c.sel("process_cpu_usage") + ") > 0.85",
                "CPU of {{ $labels.instance }} is over 85%",
                "The process {{ $labels.instance }} has used more than 85% of the CPU available to it for 15 minutes:"
                        + " requests will queue. Look at the busiest routes and tasks, and at garbage collection.");
        String cpu = c.input("process_cpu_usage");
        c.alertWithTests(rule, "25m", labels("instance", INSTANCE),
                List.of(s(cpu, "0.95x30")), List.of(s(cpu, "0.2x30")));
    }

    private static void disk(RuleContext c) {
        AlertRule rule = c.alert("DiskSpaceLow", "critical", "5m",
                "min by (instance, path) (" + c.sel("disk_free_bytes") + " / " + c.sel("disk_total_bytes") + ") < 0.05",
                "Disk {{ $labels.path }} of {{ $labels.instance }} has under 5% free",
                "The file system holding {{ $labels.path }} on {{ $labels.instance }} has had less than 5% free space"
                        + " for 5 minutes: writes (logs, uploads, temporary files) will soon fail.");
        String free = c.input("disk_free_bytes", "path", "/srv");
        String total = c.input("disk_total_bytes", "path", "/srv");
        c.alertWithTests(rule, "15m", labels("instance", INSTANCE, "path", "/srv"),
                List.of(s(free, "30x20"), s(total, "1000x20")),
                List.of(s(free, "500x20"), s(total, "1000x20")));
    }

    private static void drops(RuleContext c, String name, String counter, String label, String value,
                              String summary, String description) {
        boolean byReason = counter.equals("vigil_dropped_total");
        String by = byReason ? "backend, reason" : label;
        AlertRule rule = c.alert(name, "warning", "1m",
                "sum by (" + by + ") (increase(" + c.sel(counter) + "[10m])) > 0", summary, description);
        String series = byReason ? c.input(counter, label, value, "reason", "queue_full") : c.input(counter, label, value);
        c.alertWithTests(rule, "15m",
                byReason ? labels(label, value, "reason", "queue_full") : labels(label, value),
                List.of(s(series, "0+5x30")), List.of(s(series, "7x30")));
    }
}
