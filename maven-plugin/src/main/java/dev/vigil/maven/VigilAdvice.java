package dev.vigil.maven;

import dev.vigil.bytecode.InstrumentedMethod;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;

/**
 * The code inlined into every annotated method. Never loaded into the host application: ByteBuddy copies
 * these method bodies into the instrumented method, so the host only ever references {@link InstrumentedMethod}.
 *
 * <p>What each placeholder parameter becomes is decided per method by {@link SiteMappings}: the site is a
 * dynamic constant (or an {@code InstrumentedMethod.of} call in pre-Java-11 class files), the {@code @Tag} arguments are
 * an array only when the method has a {@code @Tag} parameter, and the return value is passed only when it is a
 * reference (a boxed primitive would allocate on every call and cannot be a {@code CompletionStage}).
 *
 * <p>Both advices suppress {@link Throwable}, so instrumentation can never throw into the host; the exit
 * runs on exceptional exits too and leaves the exception and the return value untouched.
 */
final class VigilAdvice {
    private VigilAdvice() {
    }

    /** Placeholder for the method's {@link InstrumentedMethod}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Site {
    }

    /** Placeholder for the {@code @Tag} arguments in parameter order, or null when the method has none. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Args {
    }

    /** Placeholder for the return value, or null for void and primitive methods. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Returned {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Site InstrumentedMethod site, @Args Object[] args) {
        return site.enter(args);
    }

    // backupArguments = false: the exit reads no argument, so ByteBuddy need not copy them into extra locals.
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
    static void exit(@Site InstrumentedMethod site, @Advice.Enter Object token, @Returned Object returned,
                     @Advice.Thrown Throwable thrown) {
        site.exit(token, returned, thrown);
    }
}
