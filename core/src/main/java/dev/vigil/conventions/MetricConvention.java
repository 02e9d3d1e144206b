package dev.vigil.conventions;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One metric Vigil emits, described once: name, instrument, unit, the attributes it carries, its bucket
 * boundaries and where its definition comes from. Immutable.
 *
 * <pre>{@code
 * MetricConvention duration = MetricConvention.builder("http.server.request.duration", Instrument.HISTOGRAM, "s")
 *         .description("Duration of HTTP server requests.")
 *         .required("http.request.method", "url.scheme")
 *         .conditional("error.type", "http.response.status_code", "http.route")
 *         .buckets(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
 *         .stability(Stability.STABLE)
 *         .origin(Origin.OPENTELEMETRY)
 *         .build();
 * }</pre>
 */
public final class MetricConvention {
    /** How a metric is recorded. */
    public enum Instrument {
        /** A monotonic sum; Prometheus {@code _total}. */
        COUNTER,
        /** A sum that goes up and down (active requests, connections); a Prometheus gauge. */
        UP_DOWN_COUNTER,
        /** A value read at collection time; a Prometheus gauge. */
        GAUGE,
        /** A distribution with explicit buckets; Prometheus {@code _bucket}, {@code _sum}, {@code _count}. */
        HISTOGRAM
    }

    /** How settled the definition is upstream. */
    public enum Stability {
        /** Stable in the OpenTelemetry semantic conventions. */
        STABLE,
        /** In development upstream: may still change. */
        DEVELOPMENT,
        /** Vigil's own name, in OpenTelemetry's style, where OpenTelemetry defines none. */
        VIGIL
    }

    /** Where the definition comes from. */
    public enum Origin {
        /** The OpenTelemetry semantic conventions. */
        OPENTELEMETRY,
        /** Vigil, documented in {@code docs/conventions.md}. */
        VIGIL
    }

    private final String name;
    private final Instrument instrument;
    private final String unit;
    private final String description;
    private final List<String> required;
    private final List<String> conditional;
    private final List<String> recommended;
    private final double[] buckets;
    private final Stability stability;
    private final Origin origin;

    private MetricConvention(Builder b) {
        this.name = b.name;
        this.instrument = b.instrument;
        this.unit = b.unit;
        this.description = b.description;
        this.required = b.required;
        this.conditional = b.conditional;
        this.recommended = b.recommended;
        this.buckets = b.buckets;
        this.stability = b.stability;
        this.origin = b.origin;
    }

    /**
     * Starts a definition.
     *
     * @param name the dotted metric name, for example {@code http.server.request.duration}
     * @param instrument how it is recorded
     * @param unit the UCUM unit ({@code s}, {@code By}, {@code {request}}, {@code 1})
     * @return a builder
     */
    public static Builder builder(String name, Instrument instrument, String unit) {
        return new Builder(name, instrument, unit);
    }

    /** @return the dotted metric name */
    public String name() {
        return name;
    }

    /** @return the instrument */
    public Instrument instrument() {
        return instrument;
    }

    /** @return the UCUM unit */
    public String unit() {
        return unit;
    }

    /** @return the HELP text */
    public String description() {
        return description;
    }

    /** @return the attributes every point carries */
    public List<String> required() {
        return required;
    }

    /** @return the attributes a point carries when they apply (for example {@code error.type} on failure) */
    public List<String> conditional() {
        return conditional;
    }

    /** @return the attributes a point carries when known */
    public List<String> recommended() {
        return recommended;
    }

    /** @return the explicit bucket boundaries of a histogram, empty for other instruments; a copy */
    public double[] buckets() {
        return buckets.clone();
    }

    /** @return the stability */
    public Stability stability() {
        return stability;
    }

    /** @return where the definition comes from */
    public Origin origin() {
        return origin;
    }

    /**
     * The Prometheus family name: dots become underscores and the unit's word is appended ({@code s} is
     * {@code seconds}, {@code By} is {@code bytes}; annotations such as {@code {request}} add nothing), without the
     * {@code _total}, {@code _bucket}, {@code _sum} or {@code _count} a sample adds. Prometheus reserves a trailing
     * {@code _count} for histograms and summaries ({@code promtool check metrics} lints any other), so a gauge or
     * up-down counter named {@code x.count} renders as the plural {@code x_s}:
     * {@code db.client.connection.count} is {@code db_client_connections}.
     *
     * @return the rendered family name
     */
    public String prometheusName() {
        return prometheusName(name, unit, instrument);
    }

    /**
     * The dotted name a metric is published under: its own, except that a gauge or up-down counter named
     * {@code x.count} is published as {@code xs}, because Prometheus reserves a trailing {@code _count} for
     * histograms and summaries. Metrics backends call this for the gauges they register.
     *
     * @param name the dotted name
     * @param instrument how it is recorded
     * @return the dotted name to publish, for example {@code db.client.connections}
     */
    public static String publishedName(String name, Instrument instrument) {
        if (instrument != Instrument.HISTOGRAM && instrument != Instrument.COUNTER && name.endsWith(".count")) {
            return name.substring(0, name.length() - ".count".length()) + "s";
        }
        return name;
    }

    /**
     * The Prometheus family name of any metric, by the rule of {@link #prometheusName()}.
     *
     * @param name the dotted name
     * @param unit the UCUM unit, empty when none
     * @param instrument how it is recorded
     * @return the rendered family name
     */
    public static String prometheusName(String name, String unit, Instrument instrument) {
        String base = publishedName(name, instrument).replace('.', '_');
        String word = unit.isEmpty() || unit.equals("1") || unit.startsWith("{") ? null
                : unit.equals("s") ? "seconds" : unit.equals("By") ? "bytes" : unit.equals("ms") ? "milliseconds" : unit;
        return word == null || base.endsWith("_" + word) ? base : base + "_" + word;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MetricConvention)) {
            return false;
        }
        MetricConvention m = (MetricConvention) o;
        return name.equals(m.name) && instrument == m.instrument && unit.equals(m.unit)
                && description.equals(m.description) && required.equals(m.required)
                && conditional.equals(m.conditional) && recommended.equals(m.recommended)
                && Arrays.equals(buckets, m.buckets) && stability == m.stability && origin == m.origin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, instrument, unit);
    }

    @Override
    public String toString() {
        return "MetricConvention{" + name + ' ' + instrument + ' ' + unit + '}';
    }

    /** Collects a definition; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private final Instrument instrument;
        private final String unit;
        private String description = "";
        private List<String> required = List.of();
        private List<String> conditional = List.of();
        private List<String> recommended = List.of();
        private double[] buckets = new double[0];
        private Stability stability = Stability.VIGIL;
        private Origin origin = Origin.VIGIL;

        private Builder(String name, Instrument instrument, String unit) {
            this.name = Objects.requireNonNull(name, "name");
            this.instrument = Objects.requireNonNull(instrument, "instrument");
            this.unit = Objects.requireNonNull(unit, "unit");
        }

        /**
         * @param text the HELP text, one sentence
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * @param keys attributes every point carries
         * @return this builder
         */
        public Builder required(String... keys) {
            this.required = List.of(keys);
            return this;
        }

        /**
         * @param keys attributes a point carries when they apply
         * @return this builder
         */
        public Builder conditional(String... keys) {
            this.conditional = List.of(keys);
            return this;
        }

        /**
         * @param keys attributes a point carries when known
         * @return this builder
         */
        public Builder recommended(String... keys) {
            this.recommended = List.of(keys);
            return this;
        }

        /**
         * @param boundaries strictly increasing bucket boundaries, for a histogram
         * @return this builder
         */
        public Builder buckets(double... boundaries) {
            this.buckets = boundaries.clone();
            return this;
        }

        /**
         * @param stability how settled the definition is
         * @return this builder
         */
        public Builder stability(Stability stability) {
            this.stability = Objects.requireNonNull(stability, "stability");
            return this;
        }

        /**
         * @param origin where the definition comes from
         * @return this builder
         */
        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /**
         * @return the definition
         * @throws IllegalArgumentException when it has no description, or buckets on a non-histogram, or
         *     boundaries that do not increase
         */
        public MetricConvention build() {
            if (description.isBlank()) {
                throw new IllegalArgumentException("metric convention " + name + " needs a description (its HELP text)");
            }
            if (buckets.length > 0 && instrument != Instrument.HISTOGRAM) {
                throw new IllegalArgumentException("metric convention " + name + " has buckets but is a " + instrument);
            }
            for (int i = 1; i < buckets.length; i++) {
                if (!(buckets[i] > buckets[i - 1])) {
                    throw new IllegalArgumentException("metric convention " + name + " has buckets that do not increase");
                }
            }
            return new MetricConvention(this);
        }
    }
}
