/**
 * Reports each failure to Sentry once, linked to its trace, with no PII. Filled by the Sentry issue.
 */
package dev.vigil.sentry;
