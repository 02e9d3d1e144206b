package dev.vigil.internal.operations;

import java.util.List;

/**
 * A {@code promtool test rules} group that checks a recording rule's value on synthetic series.
 *
 * @param comment what it proves
 * @param series the input series
 * @param evalTime when
 * @param expr the PromQL evaluated, usually the recorded series
 * @param labels the expected sample's labels, a selector body such as {@code {slo="a"}}
 * @param value the expected value
 */
record ExprTest(String comment, List<AlertTest.Series> series, String evalTime, String expr, String labels,
                String value) {
    ExprTest {
        series = List.copyOf(series);
    }
}
