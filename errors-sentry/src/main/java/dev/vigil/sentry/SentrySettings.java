package dev.vigil.sentry;

import dev.vigil.VigilConfig;
import java.net.URI;

/**
 * The adapter's settings, read once from Vigil's configuration and checked there: a bad value fails the build naming
 * the key, never echoing the DSN (its key part is a credential).
 */
final class SentrySettings {
    final String dsn;
    final double sampleRate;
    final String environment;
    final String release;
    final String serverName;
    final boolean sendDefaultPii;
    final int maxBreadcrumbs;
    final int queueSize;
    final int timeoutMillis;
    final boolean uncaught;
    final boolean logs;

    private SentrySettings(VigilConfig config) {
        String d = config.get(SentryErrors.DSN);
        if (d == null) {
            d = config.get(SentryErrors.SENTRY_DSN);
        }
        this.dsn = d == null || d.isBlank() ? null : d.trim();
        if (dsn != null) {
            checkDsn(dsn, config.describe(config.get(SentryErrors.DSN) != null ? SentryErrors.DSN : SentryErrors.SENTRY_DSN));
        }
        this.sampleRate = rate(config, SentryErrors.SAMPLE_RATE);
        this.environment = config.environment();
        String version = config.serviceVersion();
        this.release = version == null ? null : config.serviceName() + '@' + version;
        this.serverName = config.get(SentryErrors.SERVER_NAME);
        this.sendDefaultPii = config.getBoolean(SentryErrors.SEND_DEFAULT_PII, false);
        this.maxBreadcrumbs = (int) config.getLong(SentryErrors.MAX_BREADCRUMBS, 100, 0, 1000);
        this.queueSize = (int) config.getLong(SentryErrors.QUEUE_SIZE, 30, 1, 10_000);
        this.timeoutMillis = (int) config.getLong(SentryErrors.TIMEOUT_MS, 5_000, 1, 600_000);
        this.uncaught = config.getBoolean(SentryErrors.UNCAUGHT, true);
        this.logs = config.getBoolean(SentryErrors.LOGS, true);
    }

    static SentrySettings from(VigilConfig config) {
        return new SentrySettings(config);
    }

    private static void checkDsn(String dsn, String where) {
        URI uri;
        try {
            uri = new URI(dsn);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(where + " is not a valid Sentry DSN (expected "
                    + "https://<key>@<host>/<project>); its value is not shown because it holds a key");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getUserInfo() == null
                || uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException(where + " is not a valid Sentry DSN (expected "
                    + "https://<key>@<host>/<project>); its value is not shown because it holds a key");
        }
    }

    private static double rate(VigilConfig config, String key) {
        String v = config.get(key);
        if (v == null) {
            return 1.0;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(config.describe(key) + " must be a number between 0 and 1, not '" + v + "'");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException(config.describe(key) + " must be between 0 and 1, not " + v);
        }
        return d;
    }
}
