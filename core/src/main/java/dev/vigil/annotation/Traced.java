package dev.vigil.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes every call of the annotated method a span once a tracing backend (for example
 * {@code vigil-tracing-otel}) is installed. The span's parent is whatever span is current, and a failure
 * sets status ERROR, records the exception once and sets {@code error.type}. Rewritten at build time by
 * {@code vigil-maven-plugin}.
 *
 * <pre>{@code
 * @Traced                       // span "Shop.checkout"
 * Receipt checkout(@Tag("plan") String plan) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Traced {
    /**
     * The span name; empty means {@code <SimpleClassName>.<method>}.
     *
     * @return the span name
     */
    String value() default "";

    /**
     * The span kind, as in OpenTelemetry.
     *
     * @return the span kind
     */
    dev.vigil.SpanKind kind() default dev.vigil.SpanKind.INTERNAL;
}
