package dev.vigil.conventions;

import dev.vigil.conventions.MetricConvention.Instrument;
import java.util.List;

/** Work queues and tasks: Vigil's names in OpenTelemetry's style (OpenTelemetry defines none). */
public final class TaskConventions {
    /** The default duration buckets, in seconds (OpenTelemetry's HTTP duration advice). */
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    /** How long a task ran, by queue, task name and outcome. */
    public static final MetricConvention DURATION = MetricConvention.builder("task.duration", Instrument.HISTOGRAM, "s")
            .description("Duration of tasks run by a Vigil-observed executor, by queue, task name and status.")
            .required("task.queue", "task.name", "task.status")
            .conditional("error.type")
            .buckets(SECONDS)
            .build();
    /** How long a task waited in the queue before it started. */
    public static final MetricConvention WAIT = MetricConvention.builder("task.wait.duration", Instrument.HISTOGRAM, "s")
            .description("Time tasks waited in a Vigil-observed executor's queue before they started.")
            .required("task.queue", "task.name")
            .buckets(SECONDS)
            .build();
    /** Tasks submitted and not yet started. */
    public static final MetricConvention QUEUE_DEPTH = MetricConvention.builder("task.queue.depth",
                    Instrument.UP_DOWN_COUNTER, "{task}")
            .description("Tasks submitted to a Vigil-observed executor and not yet started.")
            .required("task.queue")
            .build();
    /** Tasks running now. */
    public static final MetricConvention ACTIVE = MetricConvention.builder("task.active", Instrument.UP_DOWN_COUNTER,
                    "{task}")
            .description("Tasks running now in a Vigil-observed executor.")
            .required("task.queue")
            .build();
    /** Tasks the executor refused. */
    public static final MetricConvention REJECTED = MetricConvention.builder("task.rejected", Instrument.COUNTER,
                    "{task}")
            .description("Tasks a Vigil-observed executor refused to accept.")
            .required("task.queue", "task.name")
            .build();

    private TaskConventions() {
    }

    /** @return the task conventions */
    public static List<MetricConvention> all() {
        return List.of(DURATION, WAIT, QUEUE_DEPTH, ACTIVE, REJECTED);
    }
}
