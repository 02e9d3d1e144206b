package dev.vigil.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times every call of the annotated method as a timer (histogram in seconds).
 *
 * <p>The method is rewritten at build time by {@code vigil-maven-plugin}; without the plugin the
 * annotation does nothing (Vigil logs at install how many instrumented methods it found, so a missing
 * plugin shows up as {@code 0}). A call that throws records {@code error.type} with the exception's fully
 * qualified class name and rethrows it unchanged. A method returning {@link java.util.concurrent.CompletionStage}
 * is timed until the stage completes.
 *
 * <pre>{@code
 * @Timed("shop.checkout")
 * Receipt checkout(@Tag("plan") String plan) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Timed {
    /**
     * The timer name in dotted OpenTelemetry style, for example {@code shop.checkout}; rendered in
     * Prometheus as {@code shop_checkout_seconds}. Empty means {@code <SimpleClassName>.<method>}.
     *
     * @return the timer name
     */
    String value() default "";

    /**
     * A human description of what is timed.
     *
     * @return the description, empty for none
     */
    String description() default "";

    /**
     * Explicit histogram bucket boundaries in seconds; empty means the HTTP duration buckets of the
     * conventions.
     *
     * @return bucket upper bounds, ascending
     */
    double[] buckets() default {};
}
