package dev.vigil.internal;

import dev.vigil.conventions.Conventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.spi.MeterType;

/**
 * What a meter gets when its call site leaves something out: a meter named by a convention takes the convention's
 * HELP text, unit and buckets, so {@code observation(..).timer("http.server.request.duration")} is exactly the
 * documented metric; any other meter gets a generated HELP text, because Prometheus (and {@code promtool}) expect
 * every family to have one.
 */
final class MeterDefaults {
    private MeterDefaults() {
    }

    static String description(MeterType type, String name, String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        MetricConvention c = Conventions.find(name);
        if (c != null) {
            return c.description();
        }
        switch (type) {
            case COUNTER: return "Count of " + name + ".";
            case TIMER: return "Duration of " + name + ".";
            case SUMMARY: return "Distribution of " + name + ".";
            default: return "Current value of " + name + ".";
        }
    }

    static String unit(String name, String given) {
        if (given != null) {
            return given;
        }
        MetricConvention c = Conventions.find(name);
        return c == null ? null : c.unit();
    }

    static double[] buckets(String name, double[] given) {
        if (given != null) {
            return given;
        }
        MetricConvention c = Conventions.find(name);
        return c == null || c.buckets().length == 0 ? null : c.buckets();
    }
}
