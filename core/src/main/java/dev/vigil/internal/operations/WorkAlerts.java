package dev.vigil.internal.operations;

import static dev.vigil.internal.operations.RuleContext.eq;
import static dev.vigil.internal.operations.RuleContext.labels;
import static dev.vigil.internal.operations.RuleContext.s;

import java.util.List;

/** The standard alerts on work and access: tasks, messaging, authentication and caches. */
final class WorkAlerts {
    private WorkAlerts() {
    }

    static void addTo(RuleContext c) {
        if (c.series.has("task_duration_seconds")) {
            taskFailures(c);
        }
        if (c.series.has("task_queue_depth")) {
            backlog(c, "TaskQueueBacklog", "task_queue_depth", "task_queue", "emails", 100,
                    "Task queue {{ $labels.task_queue }} holds over 100 waiting tasks",
                    "More than 100 tasks have been waiting in queue {{ $labels.task_queue }} for 10 minutes: the"
                            + " executor does not keep up. Look at task.duration and at what the tasks wait on.");
        }
        if (c.series.has("messaging_queue_depth")) {
            backlog(c, "MessagingQueueBacklog", "messaging_queue_depth", "messaging_destination_name", "orders", 1000,
                    "Destination {{ $labels.messaging_destination_name }} holds over 1000 messages",
                    "More than 1000 messages have been waiting in {{ $labels.messaging_destination_name }} for 10"
                            + " minutes. Look at the consumers' processing time and failures.");
        }
        if (c.series.has("messaging_consumer_lag")) {
            consumerLag(c);
        }
        if (c.series.has("auth_attempts")) {
            authFailures(c);
        }
        if (c.series.has("cache_requests")) {
            cacheCollapse(c);
        }
    }

    private static void taskFailures(RuleContext c) {
        String count = "task_duration_seconds_count";
        AlertRule rule = c.alert("TaskHighFailureRatio", "warning", "10m",
                RequestAlerts.ratio(c, count, "task_queue", eq("task_status", "failure"), "5m") + " > 0.1",
                "More than 10% of tasks in {{ $labels.task_queue }} fail",
                "Over the last 5 minutes more than 10% of the tasks run by queue {{ $labels.task_queue }} failed."
                        + " Look at error_type and task_name.");
        String ok = c.input(count, "task_queue", "emails", "task_name", "send", "task_status", "success");
        String failed = c.input(count, "task_queue", "emails", "task_name", "send", "task_status", "failure",
                "error_type", "java.io.IOException");
        c.alertWithTests(rule, "25m", labels("task_queue", "emails"),
                List.of(s(ok, "0+80x30"), s(failed, "0+20x30")),
                List.of(s(ok, "0+80x30"), s(failed, "0x30")));
    }

    private static void backlog(RuleContext c, String name, String gauge, String label, String value, int limit,
                                String summary, String description) {
        AlertRule rule = c.alert(name, "warning", "10m",
                "max by (" + label + ") (" + c.sel(gauge) + ") > " + limit, summary, description);
        String series = c.input(gauge, label, value);
        c.alertWithTests(rule, "20m", labels(label, value),
                List.of(s(series, (limit * 5) + "x30")), List.of(s(series, "3x30")));
    }

    private static void consumerLag(RuleContext c) {
        String by = "messaging_destination_name, messaging_consumer_group_name";
        AlertRule rule = c.alert("ConsumerLagHigh", "warning", "10m",
                "max by (" + by + ") (" + c.sel("messaging_consumer_lag") + ") > 1000",
                "Consumer group {{ $labels.messaging_consumer_group_name }} lags over 1000 messages",
                "Consumer group {{ $labels.messaging_consumer_group_name }} has had more than 1000 messages of"
                        + " {{ $labels.messaging_destination_name }} left to consume for 10 minutes. Look at its"
                        + " processing time, failures and number of consumers.");
        String series = c.input("messaging_consumer_lag", "messaging_destination_name", "orders",
                "messaging_consumer_group_name", "billing");
        c.alertWithTests(rule, "20m", labels("messaging_destination_name", "orders",
                        "messaging_consumer_group_name", "billing"),
                List.of(s(series, "5000x30")), List.of(s(series, "12x30")));
    }

    private static void authFailures(RuleContext c) {
        String failures = "sum by (auth_method) (rate(" + c.sel("auth_attempts_total", eq("auth_result", "failure"))
                + "[5m]))";
        AlertRule rule = c.alert("AuthFailureSpike", "warning", "5m",
                "(" + failures + " > 0.2) and (" + RequestAlerts.ratio(c, "auth_attempts_total", "auth_method",
                        eq("auth_result", "failure"), "5m") + " > 0.5)",
                "Failed {{ $labels.auth_method }} logins spike",
                "For 5 minutes more than half of the {{ $labels.auth_method }} authentication attempts, and more than"
                        + " 12 a minute, have failed: credential stuffing, or a broken client or identity provider."
                        + " Look at auth_failures_total by reason and at the audit log.");
        String ok = c.input("auth_attempts_total", "auth_method", "password", "auth_result", "success");
        String failed = c.input("auth_attempts_total", "auth_method", "password", "auth_result", "failure");
        c.alertWithTests(rule, "20m", labels("auth_method", "password"),
                List.of(s(ok, "0+10x30"), s(failed, "0+60x30")),
                List.of(s(ok, "0+60x30"), s(failed, "0+1x30")));
    }

    private static void cacheCollapse(RuleContext c) {
        String hits5m = RequestAlerts.ratio(c, "cache_requests_total", "cache_name", eq("cache_result", "hit"), "5m");
        String hits1h = RequestAlerts.ratio(c, "cache_requests_total", "cache_name", eq("cache_result", "hit"), "1h");
        AlertRule rule = c.alert("CacheHitRatioCollapse", "warning", "10m",
                "(" + hits5m + ") < 0.5 * (" + hits1h + ")",
                "Cache {{ $labels.cache_name }} hit ratio collapsed",
                "The hit ratio of cache {{ $labels.cache_name }} over 5 minutes has been under half its ratio over"
                        + " the last hour for 10 minutes: evictions, a flush, or keys that no longer repeat. The"
                        + " backend behind the cache takes the load.");
        String hit = c.input("cache_requests_total", "cache_name", "users", "cache_result", "hit");
        String miss = c.input("cache_requests_total", "cache_name", "users", "cache_result", "miss");
        c.alertWithTests(rule, "70m", labels("cache_name", "users"),
                List.of(s(hit, "0+90x40 3600+0x39"), s(miss, "0+10x40 500+100x39")),
                List.of(s(hit, "0+90x80"), s(miss, "0+10x80")));
    }
}
