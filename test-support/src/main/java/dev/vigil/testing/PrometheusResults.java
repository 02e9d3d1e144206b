package dev.vigil.testing;

import dev.vigil.testing.PrometheusServer.Sample;
import dev.vigil.testing.PrometheusServer.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the {@code data} of Prometheus' query API into {@link Sample}s and {@link Series}. */
final class PrometheusResults {
    private PrometheusResults() {
    }

    /**
     * @param data the {@code data} of an instant query
     * @return its samples; a scalar is one sample without labels
     */
    static List<Sample> samples(Object data) {
        List<Sample> out = new ArrayList<>();
        Object result = MiniJson.at(data, "result");
        if ("scalar".equals(MiniJson.at(data, "resultType"))) {
            out.add(new Sample(Map.of(), value(MiniJson.at(result, 1))));
            return out;
        }
        for (Object r : (List<?>) result) {
            out.add(new Sample(labels(MiniJson.at(r, "metric")), value(MiniJson.at(r, "value", 1))));
        }
        return out;
    }

    /**
     * @param result the {@code data.result} of a range query
     * @return its series with their points
     */
    static List<Series> series(Object result) {
        List<Series> out = new ArrayList<>();
        for (Object r : (List<?>) result) {
            List<double[]> points = new ArrayList<>();
            for (Object v : (List<?>) MiniJson.at(r, "values")) {
                points.add(new double[] {(Double) MiniJson.at(v, 0), value(MiniJson.at(v, 1))});
            }
            out.add(new Series(labels(MiniJson.at(r, "metric")), points));
        }
        return out;
    }

    private static Map<String, String> labels(Object metric) {
        Map<String, String> out = new TreeMap<>();
        if (metric instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static double value(Object v) {
        // The API writes sample values as strings: "1.5", "NaN", "+Inf".
        String s = String.valueOf(v);
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
