package dev.vigil;

import java.time.Duration;
import java.util.Objects;

/**
 * One service level objective, as defined with {@link Vigil#slo(String)}: what is measured (an HTTP route or a
 * timer), the objective (availability, or a latency quantile under a threshold) and the window it is judged over.
 * Immutable. {@link Vigil#operations()} turns every SLO into Prometheus recording rules and burn-rate alerts.
 *
 * <pre>{@code
 * Slo slo = vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30))
 *         .onHttpRoute("/checkout");
 * slo.objectivePercent();   // 95.0: 95% of the route's requests take 500 ms or less
 * slo.errorBudget();        // 0.05
 * }</pre>
 */
public final class Slo {
    /** What the objective is about. */
    public enum Kind {
        /** The share of calls that succeed: an HTTP request without {@code error.type} (no 5xx), a timer without it. */
        AVAILABILITY,
        /** The share of calls that take at most the latency threshold. */
        LATENCY
    }

    /** Which series the objective is measured on. */
    public enum TargetType {
        /** {@code http.server.request.duration} of one {@code http.route}. */
        HTTP_ROUTE,
        /** A timer (a {@code @Timed} method, a timed KPI): a failure carries {@code error.type}. */
        TIMER
    }

    private final String name;
    private final Kind kind;
    private final double objectivePercent;
    private final Duration latencyThreshold;
    private final Duration window;
    private final TargetType targetType;
    private final String target;

    Slo(String name, Kind kind, double objectivePercent, Duration latencyThreshold, Duration window,
        TargetType targetType, String target) {
        this.name = name;
        this.kind = kind;
        this.objectivePercent = objectivePercent;
        this.latencyThreshold = latencyThreshold;
        this.window = window;
        this.targetType = targetType;
        this.target = target;
    }

    /** @return the SLO's name, the {@code slo} label of its rules */
    public String name() {
        return name;
    }

    /** @return availability or latency */
    public Kind kind() {
        return kind;
    }

    /**
     * @return the objective in percent, in (0, 100): for a latency SLO, the quantile times 100 (95 for
     *     {@code latency(0.95, ...)})
     */
    public double objectivePercent() {
        return objectivePercent;
    }

    /** @return the share of calls that may fail the objective over the window: {@code 1 - objectivePercent / 100} */
    public double errorBudget() {
        // In decimal: 100 - 99.9 in binary floating point is 0.09999999999999432.
        return java.math.BigDecimal.valueOf(100).subtract(java.math.BigDecimal.valueOf(objectivePercent))
                .movePointLeft(2).doubleValue();
    }

    /** @return the latency threshold of a latency SLO (a bucket boundary of its histogram), null for availability */
    public Duration latencyThreshold() {
        return latencyThreshold;
    }

    /** @return the window the objective is judged over, 30 days unless {@link SloBuilder#over(Duration)} said otherwise */
    public Duration window() {
        return window;
    }

    /** @return whether the target is an HTTP route or a timer */
    public TargetType targetType() {
        return targetType;
    }

    /** @return the HTTP route ({@code /checkout}) or the timer's dotted name ({@code invoice.render}) */
    public String target() {
        return target;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Slo)) {
            return false;
        }
        Slo s = (Slo) o;
        return name.equals(s.name) && kind == s.kind && Double.compare(objectivePercent, s.objectivePercent) == 0
                && Objects.equals(latencyThreshold, s.latencyThreshold) && window.equals(s.window)
                && targetType == s.targetType && target.equals(s.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, objectivePercent, latencyThreshold, window, targetType, target);
    }

    @Override
    public String toString() {
        return "Slo{" + name + ' ' + kind + ' ' + objectivePercent + "% over " + window
                + (latencyThreshold == null ? "" : " within " + latencyThreshold) + " on " + targetType + ' ' + target + '}';
    }
}
