package dev.vigil.internal;

import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Tag;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instrumented method: what its annotations ask for, resolved once. Code that {@code vigil-maven-plugin}
 * inlines into an annotated method loads its site as a dynamic constant ({@link #bootstrap}), so the
 * annotations are read by reflection once per method, at link time, and never on the hot path. Each call
 * then runs {@link #enter} and {@link #exit}.
 *
 * <p>Generated code never names this class: it calls the versioned bytecode interface,
 * {@link dev.vigil.bytecode.InstrumentedMethod}, which hands each call here. Internal: not part of Vigil's API.
 */
public final class MethodSite {
    private static final ClassValue<ConcurrentHashMap<String, MethodSite>> BY_CLASS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, MethodSite> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    final String timerName;
    final String timerDescription;
    final double[] buckets;
    final String counterName;
    final String counterDescription;
    final boolean traced;
    final String spanName;
    final dev.vigil.SpanKind spanKind;
    final String functionName;
    final String[] tagKeys;
    final boolean async;
    /** The method's class, name and descriptor, to find its frame on a stack (see {@link DeferredCalls}). */
    private final Class<?> owner;
    private final String methodName;
    private final String descriptor;
    /**
     * Whether a call was ever deferred to the end of this method ({@link DeferredCalls}): the one field its exit
     * reads for that, false for every method that never held such a call. Once true, it stays true.
     */
    volatile boolean holdsDeferred;

    MethodSite(Method m) {
        String simple = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        String metric = metricName(m);
        Timed timed = m.getAnnotation(Timed.class);
        Counted counted = m.getAnnotation(Counted.class);
        Traced tr = m.getAnnotation(Traced.class);
        timerName = timed == null ? null : (timed.value().isEmpty() ? metric : timed.value());
        timerDescription = timed == null || timed.description().isEmpty() ? null : timed.description();
        buckets = timed == null || timed.buckets().length == 0 ? null : timed.buckets().clone();
        counterName = counted == null ? null : (counted.value().isEmpty() ? metric + ".calls" : counted.value());
        counterDescription = counted == null || counted.description().isEmpty() ? null : counted.description();
        traced = tr != null;
        spanName = tr == null || tr.value().isEmpty() ? simple : tr.value();
        spanKind = tr == null ? dev.vigil.SpanKind.INTERNAL : tr.kind();
        functionName = m.getDeclaringClass().getName() + "." + m.getName();
        List<String> keys = new ArrayList<>();
        Annotation[][] pa = m.getParameterAnnotations();
        for (int i = 0; i < pa.length; i++) {
            for (Annotation a : pa[i]) {
                if (a instanceof Tag) {
                    keys.add(((Tag) a).value());
                }
            }
        }
        tagKeys = keys.toArray(new String[0]);
        async = CompletionStage.class.isAssignableFrom(m.getReturnType());
        owner = m.getDeclaringClass();
        methodName = m.getName();
        descriptor = MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /** @return the site of a method already resolved, or null (never resolves one) */
    static MethodSite existing(Class<?> owner, String methodName, String descriptor) {
        return BY_CLASS.get(owner).get(methodName + descriptor);
    }

    /** @return whether a stack frame of this class, name and descriptor is this method */
    boolean is(Class<?> type, String name, String desc) {
        return type == owner && name.equals(methodName) && desc.equals(descriptor);
    }

    /**
     * The bootstrap of the dynamic constant that generated code loads: finds the method by name and
     * descriptor in the calling class and reads its annotations once.
     *
     * @param lookup the instrumented class's lookup
     * @param constantName unused, required by the constant-dynamic protocol
     * @param type {@code MethodSite.class}
     * @param methodName the instrumented method's name
     * @param descriptor its JVM descriptor
     * @return the site
     */
    public static MethodSite bootstrap(MethodHandles.Lookup lookup, String constantName, Class<?> type,
                                       String methodName, String descriptor) {
        return of(lookup.lookupClass(), methodName, descriptor);
    }

    /**
     * Finds (once per method) the site of a method; for generated code that cannot use a dynamic constant.
     *
     * @param owner the declaring class
     * @param methodName the method's name
     * @param descriptor its JVM descriptor
     * @return the site
     * @throws IllegalArgumentException when no such method exists
     */
    public static MethodSite of(Class<?> owner, String methodName, String descriptor) {
        return BY_CLASS.get(owner).computeIfAbsent(methodName + descriptor, k -> {
            MethodType mt = MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader());
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && m.getReturnType() == mt.returnType()
                        && java.util.Arrays.equals(m.getParameterTypes(), mt.parameterArray())) {
                    return new MethodSite(m);
                }
            }
            throw new IllegalArgumentException("no method " + methodName + descriptor + " in " + owner.getName());
        });
    }

    /**
     * Starts one call. Never throws: whatever a backend or handler throws, {@code Error}s included, is warned about
     * at a limited rate, and the thread's context is left as it was.
     *
     * @param args the values of the {@link Tag} parameters in parameter order, or null when there are none
     * @return the token to hand to {@link #exit}, or null when nothing is installed
     */
    public Object enter(Object[] args) {
        Recorder r = GlobalVigil.recorder();
        if (r.isNoop()) {
            return null;
        }
        try {
            return new MethodInvocation(this, r, args);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "instrumented method " + functionName + " failed to start: " + e);
            return null;
        }
    }

    /**
     * Ends one call. Never throws. A {@link CompletionStage} result is followed until it completes.
     *
     * @param token what {@link #enter} returned
     * @param returned the return value, or null
     * @param thrown what the method threw, or null
     */
    public void exit(Object token, Object returned, Throwable thrown) {
        if (token == null) {
            return;
        }
        try {
            ((MethodInvocation) token).exit(returned, thrown);
        } catch (Throwable e) {
            ApiWarnings.warn("instrumentation", "instrumented method " + functionName + " failed to record: " + e);
        }
    }

    @Override
    public String toString() {
        return "MethodSite{" + functionName + '}';
    }

    /**
     * The default metric name of an annotated method: its simple class name and method name, each in lower
     * snake case, joined by a dot ({@code OrderService.placeOrder} is {@code order_service.place_order}, rendered
     * {@code order_service_place_order_seconds}). Span names keep the code's spelling; metric names follow
     * Prometheus' lower snake case.
     */
    static String metricName(Method m) {
        return snake(m.getDeclaringClass().getSimpleName()) + "." + snake(m.getName());
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1)) && camel.charAt(i - 1) != '_';
                boolean endOfAcronym = i > 0 && Character.isUpperCase(camel.charAt(i - 1))
                        && i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (afterLower || endOfAcronym) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else if (c == '$') {
                b.append('_');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
