package dev.vigil.micrometer;

import java.util.Map;

/**
 * Maps Vigil's UCUM-style units to the words Prometheus expects as a name suffix, as OpenTelemetry's
 * Prometheus exporter does: {@code By} becomes {@code bytes} ({@code payload_bytes}, not {@code payload_By}),
 * and annotations such as {@code {request}} or the dimensionless {@code 1} carry no suffix at all.
 * Anything else (a currency such as {@code usd}) passes through unchanged.
 */
final class Units {
    private static final Map<String, String> UCUM = Map.ofEntries(
            Map.entry("By", "bytes"), Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"),
            Map.entry("GBy", "gigabytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("bit", "bits"),
            Map.entry("ns", "nanoseconds"), Map.entry("us", "microseconds"), Map.entry("ms", "milliseconds"),
            Map.entry("s", "seconds"), Map.entry("min", "minutes"), Map.entry("h", "hours"), Map.entry("d", "days"),
            Map.entry("%", "percent"), Map.entry("Hz", "hertz"), Map.entry("Cel", "celsius"));

    private Units() {
    }

    /**
     * @param unit a Vigil unit, or null
     * @return the Micrometer base unit, or null when the unit adds nothing to the name
     */
    static String baseUnit(String unit) {
        if (unit == null || unit.isBlank() || unit.equals("1")
                || (unit.startsWith("{") && unit.endsWith("}"))) {
            return null;
        }
        return UCUM.getOrDefault(unit, unit);
    }
}
