package dev.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table reader finds each way a scrape can depart from a documented row. */
class ConventionsTableTest {
    private static final String DOC = String.join("\n",
            "# Conventions",
            "<!-- BEGIN GENERATED from dev.vigil.conventions.Conventions: do not edit by hand -->",
            "| metric | Prometheus | instrument | unit | attributes | buckets | stability | origin | HELP |",
            "|---|---|---|---|---|---|---|---|---|",
            "| `task.duration` | `task_duration_seconds` | histogram | `s` | `task.queue` (required), `error.type`"
                    + " (conditional) | 0.5 1 | vigil | Vigil | Duration of tasks. |",
            "| `cache.puts` | `cache_puts_total` | counter | `{entry}` | `cache.name` (required) |  | vigil | Vigil | Puts. |",
            "<!-- END GENERATED -->",
            "| `not.a.row` | `x` | counter | `1` | none |  | vigil | Vigil | outside the table |",
            "");

    @TempDir
    Path dir;

    private ConventionsTable table() throws Exception {
        Path doc = dir.resolve("conventions.md");
        Files.writeString(doc, DOC, StandardCharsets.UTF_8);
        return ConventionsTable.read(doc);
    }

    @Test
    void aScrapeThatFollowsEveryRowHasNoViolation() throws Exception {
        ConventionsTable t = table();
        assertThat(t.rows.keySet()).containsExactly("task.duration", "cache.puts");
        String scrape = String.join("\n",
                "# TYPE task_duration_seconds histogram",
                "task_duration_seconds_bucket{task_queue=\"q\",le=\"0.5\"} 1",
                "task_duration_seconds_bucket{task_queue=\"q\",le=\"1.0\"} 1",
                "task_duration_seconds_bucket{task_queue=\"q\",le=\"+Inf\"} 1",
                "task_duration_seconds_count{task_queue=\"q\"} 1",
                "# TYPE cache_puts_total counter",
                "cache_puts_total{cache_name=\"users\"} 2.0",
                "cache_puts_total{otel_metric_overflow=\"true\"} 1.0",
                "");
        assertThat(t.violations(scrape)).isEmpty();
    }

    @Test
    void wrongTypeMissingAttributeWrongBucketsAndAbsentFamiliesAreReported() throws Exception {
        String scrape = String.join("\n",
                "# TYPE task_duration_seconds summary",
                "task_duration_seconds_bucket{le=\"0.25\"} 1",
                "task_duration_seconds_count 1",
                "");
        assertThat(table().violations(scrape)).containsExactlyInAnyOrder(
                "task.duration (task_duration_seconds): TYPE summary, the table says histogram",
                "task.duration (task_duration_seconds): series lacks required attribute task.queue: "
                        + "task_duration_seconds_bucket{le=\"0.25\"} 1",
                "task.duration (task_duration_seconds): series lacks required attribute task.queue: "
                        + "task_duration_seconds_count 1",
                "task.duration (task_duration_seconds){}: buckets [0.25], the table says [0.5, 1.0]",
                "cache.puts (cache_puts_total): no TYPE line in the scrape");
    }
}
