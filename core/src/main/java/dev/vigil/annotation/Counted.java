package dev.vigil.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts every call of the annotated method. A call that throws is counted with {@code error.type} set
 * to the exception's fully qualified class name. Rewritten at build time by {@code vigil-maven-plugin}.
 *
 * <pre>{@code
 * @Counted("shop.checkout.calls")
 * Receipt checkout(String plan) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Counted {
    /**
     * The counter name, for example {@code shop.checkout.calls} (Prometheus: {@code shop_checkout_calls_total}).
     * Empty means {@code <SimpleClassName>.<method>.calls}.
     *
     * @return the counter name
     */
    String value() default "";

    /**
     * A human description of what is counted.
     *
     * @return the description, empty for none
     */
    String description() default "";
}
