package dev.vigil;

import dev.vigil.conventions.AuthConventions;
import dev.vigil.conventions.CacheConventions;
import dev.vigil.conventions.Conventions;
import dev.vigil.conventions.DbConventions;
import dev.vigil.conventions.HttpConventions;
import dev.vigil.conventions.MessagingConventions;
import dev.vigil.conventions.MetricConvention;
import dev.vigil.conventions.MetricConvention.Instrument;
import dev.vigil.conventions.TaskConventions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rows of the generated Grafana dashboard, one per domain, with queries over the exact Prometheus names and
 * labels Vigil emits. Names come from {@link dev.vigil.conventions} so that the dashboard cannot drift from what
 * the code records. Every query is filtered by the dashboard's {@code $service} and {@code $env} variables, which
 * match the common tags {@code service} and {@code env}.
 */
final class DashboardRows {
    /** The label filter every query carries. */
    static final String SELECTOR = "service=~\"$service\",env=~\"$env\"";
    /** Grafana's rate window: at least four scrape intervals, whatever the zoom. */
    static final String WINDOW = "[$__rate_interval]";

    /** One query of a panel and its legend. */
    record Query(String expr, String legend) {
    }

    /** One panel: what it shows, in which unit, and whether its series are histograms carrying exemplars. */
    record Panel(String title, String description, String unit, boolean exemplars, List<Query> queries) {
        Panel(String title, String description, String unit, boolean exemplars, Query... queries) {
            this(title, description, unit, exemplars, List.of(queries));
        }
    }

    /** One row: a domain's title and panels. */
    record Row(String title, List<Panel> panels) {
    }

    private DashboardRows() {
    }

    /**
     * @param domains the domains in use (named {@code http}, {@code db}, {@code tasks},
     *     {@code messaging}, {@code cache}, {@code auth}, {@code genai}); JVM is always shown
     * @return the rows, in a fixed order
     */
    static List<Row> rows(Set<String> domains) {
        List<Row> rows = new ArrayList<>();
        if (domains.contains("http")) {
            rows.add(http());
        }
        if (domains.contains("db")) {
            rows.add(db());
        }
        if (domains.contains("tasks") || domains.contains("messaging")) {
            rows.add(tasksAndQueues(domains.contains("tasks"), domains.contains("messaging")));
        }
        if (domains.contains("cache")) {
            rows.add(cache());
        }
        if (domains.contains("auth")) {
            rows.add(auth());
        }
        if (domains.contains("genai")) {
            rows.add(genAi());
        }
        rows.add(jvm());
        return rows;
    }

    static String series(MetricConvention c, String suffix, String extraLabels) {
        String labels = extraLabels.isEmpty() ? SELECTOR : SELECTOR + "," + extraLabels;
        return c.prometheusName() + suffix + "{" + labels + "}";
    }

    static String rate(MetricConvention c, String suffix, String extraLabels) {
        return "rate(" + series(c, suffix, extraLabels) + WINDOW + ")";
    }

    static String p95(MetricConvention c, String by) {
        return "histogram_quantile(0.95, sum by (le, " + by + ") (" + rate(c, "_bucket", "") + "))";
    }

    static String ratio(String numerator, String denominator) {
        return numerator + " / " + denominator;
    }

    private static Row http() {
        MetricConvention d = HttpConventions.SERVER_REQUEST_DURATION;
        return new Row("HTTP server (rate, errors, duration)", List.of(
                new Panel("Request rate", "HTTP server requests per second, by route.", "reqps", false,
                        new Query("sum by (http_route) (" + rate(d, "_count", "") + ")", "{{http_route}}")),
                new Panel("5xx error ratio", "Share of HTTP server requests answered with a 5xx status, by route.",
                        "percentunit", false, new Query(ratio(
                                "sum by (http_route) (" + rate(d, "_count", "http_response_status_code=~\"5..\"") + ")",
                                "sum by (http_route) (" + rate(d, "_count", "") + ")"), "{{http_route}}")),
                new Panel("p95 duration", "95th percentile of HTTP server request duration, by route; exemplars link"
                        + " to the traces of slow requests.", "s", true,
                        new Query(p95(d, "http_route"), "{{http_route}}")),
                new Panel("Active requests", "HTTP server requests in progress now.", "short", false,
                        new Query("sum (" + series(HttpConventions.SERVER_ACTIVE_REQUESTS, "", "") + ")", "active")),
                new Panel("HTTP client p95 duration", "95th percentile of outgoing HTTP request duration, by server.",
                        "s", true, new Query(p95(HttpConventions.CLIENT_REQUEST_DURATION, "server_address"),
                        "{{server_address}}"))));
    }

    private static Row db() {
        MetricConvention d = DbConventions.OPERATION_DURATION;
        String pool = "db_client_connection_pool_name";
        return new Row("Database", List.of(
                new Panel("Operations", "Database operations per second, by query summary.", "ops", false,
                        new Query("sum by (db_query_summary) (" + rate(d, "_count", "") + ")", "{{db_query_summary}}")),
                new Panel("p95 duration", "95th percentile of database operation duration, by query summary;"
                        + " exemplars link to the traces.", "s", true,
                        new Query(p95(d, "db_query_summary"), "{{db_query_summary}}")),
                new Panel("Error ratio", "Share of database operations that failed (error_type set).",
                        "percentunit", false, new Query(ratio(
                                "sum (" + rate(d, "_count", "error_type!=\"\"") + ")",
                                "sum (" + rate(d, "_count", "") + ")"), "errors")),
                new Panel("Pool usage", "Connections in use over the pool's maximum, by pool.", "percentunit", false,
                        new Query(ratio(
                                "sum by (" + pool + ") (" + series(DbConventions.CONNECTION_COUNT, "",
                                        "db_client_connection_state=\"used\"") + ")",
                                "sum by (" + pool + ") (" + series(DbConventions.CONNECTION_MAX, "", "") + ")"),
                                "{{" + pool + "}}")),
                new Panel("Pending connection requests", "Requests waiting for a pooled connection, by pool.",
                        "short", false, new Query("sum by (" + pool + ") ("
                        + series(DbConventions.PENDING_REQUESTS, "", "") + ")", "{{" + pool + "}}"))));
    }

    private static Row tasksAndQueues(boolean tasks, boolean messaging) {
        List<Panel> panels = new ArrayList<>();
        if (tasks) {
            MetricConvention d = TaskConventions.DURATION;
            panels.add(new Panel("Tasks", "Tasks finished per second, by queue and status.", "ops", false,
                    new Query("sum by (task_queue, task_status) (" + rate(d, "_count", "") + ")",
                            "{{task_queue}} {{task_status}}")));
            panels.add(new Panel("Task failure ratio", "Share of tasks that failed, by queue.", "percentunit", false,
                    new Query(ratio("sum by (task_queue) (" + rate(d, "_count", "task_status=\"failure\"") + ")",
                            "sum by (task_queue) (" + rate(d, "_count", "") + ")"), "{{task_queue}}")));
            panels.add(new Panel("Task p95 duration", "95th percentile of task duration, by queue; exemplars link to"
                    + " the traces.", "s", true, new Query(p95(d, "task_queue"), "{{task_queue}}")));
            panels.add(new Panel("Queue depth", "Tasks submitted and not yet started, by queue.", "short", false,
                    new Query("sum by (task_queue) (" + series(TaskConventions.QUEUE_DEPTH, "", "") + ")",
                            "{{task_queue}}")));
            panels.add(new Panel("Task p95 wait", "95th percentile of the time tasks waited in the queue.", "s", true,
                    new Query(p95(TaskConventions.WAIT, "task_queue"), "{{task_queue}}")));
        }
        if (messaging) {
            String dest = "messaging_destination_name";
            panels.add(new Panel("Consumer lag", "Messages a consumer group has yet to consume, by destination.",
                    "short", false, new Query("sum by (" + dest + ", messaging_consumer_group_name) ("
                    + series(MessagingConventions.CONSUMER_LAG, "", "") + ")", "{{" + dest + "}}")));
            panels.add(new Panel("Message processing p95", "95th percentile of message processing duration.", "s",
                    true, new Query(p95(MessagingConventions.PROCESS_DURATION, dest), "{{" + dest + "}}")));
        }
        return new Row("Tasks and queues", panels);
    }

    private static Row cache() {
        MetricConvention r = CacheConventions.REQUESTS;
        return new Row("Cache", List.of(
                new Panel("Hit ratio", "Share of cache lookups that hit, by cache.", "percentunit", false,
                        new Query(ratio("sum by (cache_name) (" + rate(r, "_total", "cache_result=\"hit\"") + ")",
                                "sum by (cache_name) (" + rate(r, "_total", "") + ")"), "{{cache_name}}")),
                new Panel("Size", "Entries each cache holds.", "short", false,
                        new Query("sum by (cache_name) (" + series(CacheConventions.SIZE, "", "") + ")",
                                "{{cache_name}}")),
                new Panel("Evictions", "Entries evicted per second, by cache.", "ops", false,
                        new Query("sum by (cache_name) (" + rate(CacheConventions.EVICTIONS, "_total", "") + ")",
                                "{{cache_name}}"))));
    }

    private static Row auth() {
        return new Row("Authentication", List.of(
                new Panel("Attempts", "Authentication attempts per second, by method and result.", "ops", false,
                        new Query("sum by (auth_method, auth_result) (" + rate(AuthConventions.ATTEMPTS, "_total", "")
                                + ")", "{{auth_method}} {{auth_result}}")),
                new Panel("Failures by reason", "Failed authentication attempts per second, by reason.", "ops", false,
                        new Query("sum by (auth_failure_reason) (" + rate(AuthConventions.FAILURES, "_total", "")
                                + ")", "{{auth_failure_reason}}"))));
    }

    private static Row genAi() {
        MetricConvention tokens = known("gen_ai.client.token.usage", Instrument.HISTOGRAM, "{token}");
        MetricConvention duration = known("gen_ai.client.operation.duration", Instrument.HISTOGRAM, "s");
        MetricConvention cost = known("gen_ai.client.cost", Instrument.COUNTER, "usd");
        MetricConvention budget = known("gen_ai.budget.used_ratio", Instrument.GAUGE, "1");
        return new Row("GenAI tokens and cost", List.of(
                new Panel("Tokens", "Tokens per second, by model and token type (input, output).", "short", false,
                        new Query("sum by (gen_ai_request_model, gen_ai_token_type) (" + rate(tokens, "_sum", "")
                                + ")", "{{gen_ai_request_model}} {{gen_ai_token_type}}")),
                new Panel("Cost per hour", "Spend in US dollars over the last hour, by model.", "currencyUSD", false,
                        new Query("sum by (gen_ai_request_model) (increase(" + series(cost, "_total", "") + "[1h]))",
                                "{{gen_ai_request_model}}")),
                new Panel("Daily budget used", "Today's spend over the daily budget.", "percentunit", false,
                        new Query("max (" + series(budget, "", "") + ")", "used")),
                new Panel("Operation p95 duration", "95th percentile of GenAI call duration, by model; exemplars link"
                        + " to the traces.", "s", true, new Query(p95(duration, "gen_ai_request_model"),
                        "{{gen_ai_request_model}}"))));
    }

    private static Row jvm() {
        return new Row("JVM and host", List.of(
                new Panel("Heap", "Heap memory used and the maximum the JVM may use.", "bytes", false,
                        new Query("sum (jvm_memory_used_bytes{" + SELECTOR + ",area=\"heap\"})", "used"),
                        new Query("sum (jvm_memory_max_bytes{" + SELECTOR + ",area=\"heap\"})", "max")),
                new Panel("CPU", "CPU use of the JVM process and of the whole host, 0 to 1.", "percentunit", false,
                        new Query("max (process_cpu_usage{" + SELECTOR + "})", "process"),
                        new Query("max (system_cpu_usage{" + SELECTOR + "})", "system")),
                new Panel("GC pauses", "Seconds per second the JVM spent in garbage-collection pauses.", "s", false,
                        new Query("sum (rate(jvm_gc_pause_seconds_sum{" + SELECTOR + "}" + WINDOW + "))", "pauses")),
                new Panel("Threads", "Live JVM threads.", "short", false,
                        new Query("sum (jvm_threads_live_threads{" + SELECTOR + "})", "live")),
                new Panel("Disk free", "Free space of the working directory's file system.", "percentunit", false,
                        new Query("min (disk_free_bytes{" + SELECTOR + "} / disk_total_bytes{" + SELECTOR + "})",
                                "free"))));
    }

    /** A convention of another module's domain when core knows it, else its definition as documented. */
    private static MetricConvention known(String name, Instrument instrument, String unit) {
        MetricConvention c = Conventions.find(name);
        return c != null ? c : MetricConvention.builder(name, instrument, unit).description(name).build();
    }
}
