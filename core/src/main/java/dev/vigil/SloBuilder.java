package dev.vigil;

import dev.vigil.conventions.Conventions;
import dev.vigil.conventions.HttpConventions;
import dev.vigil.conventions.MetricConvention;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Defines one {@link Slo}: an objective ({@link #availability(double)} or {@link #latency(double, Duration)}),
 * optionally a window ({@link #over(Duration)}, 30 days by default), then the target, which ends the definition
 * ({@link #onHttpRoute(String)} or {@link #onTimer(String)}). Every call checks its input at once and throws
 * {@link IllegalArgumentException} with a message naming the SLO: an SLO is configuration, so a mistake must
 * fail at start-up, not produce rules that silently match nothing.
 *
 * <pre>{@code
 * vigil.slo("checkout-availability").availability(99.9).over(Duration.ofDays(30)).onHttpRoute("/checkout");
 * vigil.slo("checkout-latency").latency(0.95, Duration.ofMillis(500)).over(Duration.ofDays(30)).onHttpRoute("/checkout");
 * vigil.slo("render-availability").availability(99.5).over(Duration.ofDays(28)).onTimer("invoice.render");
 * }</pre>
 */
public final class SloBuilder {
    /** Lower case letters, digits and inner dashes, dots or underscores: the value of the {@code slo} label. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
    private static final Pattern TIMER = Pattern.compile("[A-Za-z][A-Za-z0-9._]{0,199}");
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final String name;
    private final Function<Slo, Slo> register;
    private Slo.Kind kind;
    private double objectivePercent;
    private Duration threshold;
    private Duration window = DEFAULT_WINDOW;

    SloBuilder(String name, Function<Slo, Slo> register) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SLO name '" + name + "' must be 1 to 63 lower case letters, digits,"
                    + " and inner '-', '.' or '_', for example checkout-availability");
        }
        this.name = name;
        this.register = register;
    }

    /**
     * An availability objective: this share of calls succeeds.
     *
     * @param percent the objective in percent, in (0, 100), for example {@code 99.9}
     * @return this builder
     * @throws IllegalArgumentException when out of range or an objective is already set
     */
    public SloBuilder availability(double percent) {
        checkNoObjective();
        if (!(percent > 0 && percent < 100)) {
            throw new IllegalArgumentException("SLO '" + name + "': availability(" + percent
                    + ") must be a percentage in (0, 100), for example 99.9");
        }
        this.kind = Slo.Kind.AVAILABILITY;
        this.objectivePercent = percent;
        return this;
    }

    /**
     * A latency objective: the share {@code quantile} of calls takes at most {@code threshold}. The threshold must
     * be a bucket boundary of the target's histogram, because the rules count the calls in that bucket; this is
     * checked when the target is given.
     *
     * @param quantile the share in (0, 1), for example {@code 0.95}
     * @param threshold the latency, positive, for example {@code Duration.ofMillis(500)}
     * @return this builder
     * @throws IllegalArgumentException when out of range or an objective is already set
     */
    public SloBuilder latency(double quantile, Duration threshold) {
        checkNoObjective();
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("SLO '" + name + "': latency quantile " + quantile
                    + " must be in (0, 1), for example 0.95");
        }
        if (threshold == null || threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("SLO '" + name + "': latency threshold " + threshold + " must be positive");
        }
        this.kind = Slo.Kind.LATENCY;
        this.objectivePercent = java.math.BigDecimal.valueOf(quantile).movePointRight(2).doubleValue();
        this.threshold = threshold;
        return this;
    }

    /**
     * @param window the window the objective is judged over, positive and whole seconds; 30 days unless set
     * @return this builder
     * @throws IllegalArgumentException when not positive or not whole seconds
     */
    public SloBuilder over(Duration window) {
        if (window == null || window.isNegative() || window.isZero() || window.getNano() != 0) {
            throw new IllegalArgumentException("SLO '" + name + "': window " + window
                    + " must be a positive whole number of seconds, for example Duration.ofDays(30)");
        }
        this.window = window;
        return this;
    }

    /**
     * Ends the definition on one route of the HTTP server conventions ({@code http.server.request.duration}):
     * availability counts requests with {@code error.type} (a 5xx or no response) as failures.
     *
     * @param route the route template as given to {@code vigil.http()}, for example {@code /checkout}
     * @return the SLO, now part of {@link Vigil#operations()}
     * @throws IllegalArgumentException when the definition is incomplete, the route is blank, the latency
     *     threshold is no bucket boundary, or another SLO of this name differs
     */
    public Slo onHttpRoute(String route) {
        if (route == null || route.isBlank() || route.length() > 256) {
            throw new IllegalArgumentException("SLO '" + name + "': onHttpRoute(" + route
                    + ") needs a route template such as /checkout");
        }
        return finish(Slo.TargetType.HTTP_ROUTE, route, HttpConventions.SERVER_REQUEST_DURATION.buckets(),
                "http.server.request.duration");
    }

    /**
     * Ends the definition on a timer: a {@code @Timed} method or a timed KPI, whose failures carry {@code error.type}.
     * A latency threshold is checked against the buckets Vigil publishes for the timer: its convention's when the
     * name is a convention's, else the default timer buckets (0.005 ... 10 s); a timer given its own buckets with
     * {@code .buckets(...)} must use a threshold that is also a default boundary.
     *
     * @param timerName the timer's dotted name, for example {@code invoice.render}
     * @return the SLO, now part of {@link Vigil#operations()}
     * @throws IllegalArgumentException when the definition is incomplete, the name is invalid, the latency
     *     threshold is no bucket boundary, or another SLO of this name differs
     */
    public Slo onTimer(String timerName) {
        if (timerName == null || !TIMER.matcher(timerName).matches()) {
            throw new IllegalArgumentException("SLO '" + name + "': onTimer(" + timerName
                    + ") needs a timer's dotted name: a letter, then letters, digits, '.' or '_'");
        }
        MetricConvention c = Conventions.find(timerName);
        double[] buckets = c != null && c.instrument() == MetricConvention.Instrument.HISTOGRAM && "s".equals(c.unit())
                ? c.buckets() : HttpConventions.SERVER_REQUEST_DURATION.buckets();
        return finish(Slo.TargetType.TIMER, timerName, buckets, timerName);
    }

    private Slo finish(Slo.TargetType type, String target, double[] buckets, String series) {
        if (kind == null) {
            throw new IllegalArgumentException("SLO '" + name + "' needs an objective: call availability(...) or"
                    + " latency(...) before the target");
        }
        if (kind == Slo.Kind.LATENCY && !isBoundary(buckets, threshold)) {
            throw new IllegalArgumentException("SLO '" + name + "': latency threshold " + threshold.toMillis()
                    + " ms is not a bucket boundary of " + series + ", so no rule could count the calls under it;"
                    + " use one of these (seconds): " + Arrays.toString(buckets));
        }
        return register.apply(new Slo(name, kind, objectivePercent, threshold, window, type, target));
    }

    private static boolean isBoundary(double[] buckets, Duration threshold) {
        double seconds = threshold.toNanos() / 1e9;
        for (double b : buckets) {
            if (Math.abs(b - seconds) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    private void checkNoObjective() {
        if (kind != null) {
            throw new IllegalArgumentException("SLO '" + name + "' already has an objective (" + kind
                    + "): define one objective per SLO, and another SLO for another objective");
        }
    }
}
