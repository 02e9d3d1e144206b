package dev.vigil.spi;

import dev.vigil.Redaction;
import dev.vigil.VigilConfig;

/**
 * What core hands a backend at start: the resolved configuration, the redaction policy, and a place to report
 * its own health (dropped items, failed exports) as Vigil self-metrics.
 */
public interface BackendContext {
    /** @return the resolved configuration */
    VigilConfig config();

    /**
     * Counts items a backend had to drop (a full queue, a failed export), exposed as the counter
     * {@code vigil.dropped} with tags {@code backend} and {@code reason}.
     *
     * @param backend the backend's name
     * @param reason a low-cardinality reason, for example {@code queue_full}
     * @param count how many were dropped
     */
    void dropped(String backend, String reason, long count);

    /**
     * The installed policy for what may leave the process. A backend applies it where its data leaves: span
     * attributes and exception events, log lines, error reports.
     *
     * <pre>{@code
     * span.setAttribute(key, context.redaction().redactValue(key, value));
     * }</pre>
     *
     * @return the policy; {@link Redaction#defaults()} unless core hands another
     */
    default Redaction redaction() {
        return Redaction.defaults();
    }

    /**
     * The health checks of the Vigil being built, served at {@code /health}; a backend may register its own at
     * start, for example its queue and drop counts.
     *
     * @return the registry; the default is a registry nobody serves
     */
    default dev.vigil.HealthRegistry health() {
        return dev.vigil.Vigil.noop().health();
    }

    /**
     * Records a backend's own metric through the Vigil being built, for example {@code vigil.logging.dropped}.
     *
     * @param name the dotted metric name
     * @return the KPI; a no-op when no metrics backend is installed
     */
    default dev.vigil.Kpi kpi(String name) {
        return dev.vigil.Vigil.noop().kpi(name);
    }
}
