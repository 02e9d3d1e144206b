/**
 * Sentry error tracking: each failure reported once, linked to its trace, with no PII, and never slowing the
 * application when Sentry is slow or down. Start with {@link dev.vigil.sentry.SentryErrors}.
 */
package dev.vigil.sentry;
