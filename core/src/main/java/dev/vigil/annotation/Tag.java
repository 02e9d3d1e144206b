package dev.vigil.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a parameter of a {@link Timed}, {@link Counted} or {@link Traced} method into a metric tag and a
 * span attribute. The value is {@code String.valueOf(argument)}; keep it low-cardinality (a plan, a
 * region), never an id. Vigil bounds the number of distinct tag sets per metric all the same.
 *
 * <pre>{@code
 * @Timed("shop.checkout")
 * Receipt checkout(@Tag("plan") String plan) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Tag {
    /**
     * The tag key, for example {@code plan}.
     *
     * @return the tag key
     */
    String value();
}
