package dev.vigil.testing;

import java.util.List;

/** The {@code prometheus.yml} of {@link PrometheusServer}: one scrape job and the rule files, every second. */
final class PrometheusConfig {
    private PrometheusConfig() {
    }

    /**
     * @param job the scrape job's name
     * @param targets {@code host:port} of each target, scraped at {@code /metrics}
     * @param ruleFiles absolute paths of the rule files
     * @return the configuration, scraping and evaluating every second
     */
    static String yaml(String job, List<String> targets, List<String> ruleFiles) {
        StringBuilder b = new StringBuilder();
        b.append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
        b.append("rule_files:\n");
        if (ruleFiles.isEmpty()) {
            b.setLength(b.length() - 1);
            b.append(" []\n");
        }
        for (String r : ruleFiles) {
            b.append("  - '").append(r.replace("'", "''")).append("'\n");
        }
        b.append("scrape_configs:\n  - job_name: '").append(job.replace("'", "''"))
                .append("'\n    metrics_path: /metrics\n    static_configs:\n");
        b.append("      - targets: [");
        for (int i = 0; i < targets.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(targets.get(i)).append('\'');
        }
        return b.append("]\n").toString();
    }
}
