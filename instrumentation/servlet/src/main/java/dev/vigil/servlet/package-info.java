/**
 * A Jakarta Servlet filter that observes every request after the OpenTelemetry HTTP server conventions:
 * {@link dev.vigil.servlet.VigilServletFilter}.
 */
package dev.vigil.servlet;
