package dev.vigil.bytecode;

import dev.vigil.internal.ApiWarnings;
import dev.vigil.internal.MethodSite;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One method that {@code vigil-maven-plugin} instrumented, as the code it inlined there sees it: the whole of Vigil
 * that instrumented bytecode calls. Nothing else in core is referenced from an instrumented class, so this class is
 * the bytecode interface, and {@link #VERSION} its version.
 *
 * <p>For each annotated method the plugin inlines, in effect:
 * <pre>{@code
 * // a dynamic constant, resolved once: bootstrap(lookup, "checkout", InstrumentedMethod.class,
 * //                                              VERSION, "checkout", "(Ljava/lang/String;)V")
 * InstrumentedMethod site = ...;
 * Object token = site.enter(tagArguments);          // null when the method has no @Tag parameter
 * try { ...the original body... }
 * finally { site.exit(token, returnValue, thrown); } // never changes what the method returns or throws
 * }</pre>
 * Class files older than Java 11 cannot hold a dynamic constant; their code calls {@link #of} on every call instead.
 * Both enter and exit are wrapped so that nothing they throw reaches the method.
 *
 * <p>The plugin marks each class it rewrites with the class-file attribute {@code dev.vigil.Instrumented}, whose
 * content is the version as an unsigned 16-bit number. A plugin re-instruments a class marked with another version.
 * Core refuses a class instrumented for a version it does not support: one warning names the class, and its
 * methods run unchanged and record nothing. Versions:
 * <ol>
 *   <li>called {@code dev.vigil.internal.MethodSite} directly (vigil-maven-plugin 0.1.0). Such classes still run
 *       against this core; the plugin re-instruments them.</li>
 *   <li>this class.</li>
 * </ol>
 * The signatures below only change together with {@link #VERSION}. Not for application code.
 */
public final class InstrumentedMethod {
    /** The version of the bytecode interface this core implements. */
    public static final int VERSION = 2;

    /**
     * Where, in every class output it rewrites, the plugin lists the methods it instrumented (one
     * {@code binary.ClassName#method(descriptor)} a line), so that install can log how many there are.
     */
    public static final String INDEX = "META-INF/vigil/instrumented-methods.txt";

    private static final InstrumentedMethod REFUSED = new InstrumentedMethod(null);
    private static final ClassValue<ConcurrentHashMap<String, InstrumentedMethod>> BY_CLASS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, InstrumentedMethod> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final ClassValue<AtomicBoolean> WARNED = new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
            return new AtomicBoolean();
        }
    };

    /** Core's resolved method, or null when the class was instrumented for another version. */
    private final MethodSite site;

    private InstrumentedMethod(MethodSite site) {
        this.site = site;
    }

    /**
     * The bootstrap of the dynamic constant that instrumented code loads: resolves the method once, when the
     * constant is first loaded.
     *
     * @param lookup the instrumented class's lookup
     * @param constantName unused (the plugin puts the method name there, for readable {@code javap} output)
     * @param type {@code InstrumentedMethod.class}
     * @param version the {@link #VERSION} the class was instrumented for
     * @param methodName the instrumented method's name
     * @param descriptor its JVM descriptor
     * @return the method, or one that records nothing when {@code version} is not supported
     * @throws IllegalArgumentException when the class declares no such method
     */
    public static InstrumentedMethod bootstrap(MethodHandles.Lookup lookup, String constantName, Class<?> type,
                                               int version, String methodName, String descriptor) {
        return of(lookup.lookupClass(), version, methodName, descriptor);
    }

    /**
     * Finds an instrumented method: what code in class files older than Java 11 calls instead of loading a dynamic
     * constant. Resolved once per method, then a map lookup.
     *
     * @param owner the declaring class
     * @param version the {@link #VERSION} the class was instrumented for
     * @param methodName the method's name
     * @param descriptor its JVM descriptor
     * @return the method, or one that records nothing when {@code version} is not supported
     * @throws IllegalArgumentException when {@code owner} declares no such method
     */
    public static InstrumentedMethod of(Class<?> owner, int version, String methodName, String descriptor) {
        if (version != VERSION) {
            return refuse(owner, version);
        }
        return BY_CLASS.get(owner).computeIfAbsent(methodName + descriptor,
                k -> new InstrumentedMethod(MethodSite.of(owner, methodName, descriptor)));
    }

    private static InstrumentedMethod refuse(Class<?> owner, int version) {
        if (WARNED.get(owner).compareAndSet(false, true)) {
            // The kind names the class, so that the rate limit of one class never hides another class's warning.
            ApiWarnings.warn("bytecode-version " + owner.getName(), owner.getName()
                    + " was instrumented for Vigil bytecode interface version " + version + ", but this vigil-core"
                    + " implements version " + VERSION + "; its annotated methods run but record nothing."
                    + " Build it with the vigil-maven-plugin of the same release as vigil-core.");
        }
        return REFUSED;
    }

    /**
     * Starts one call. Never throws.
     *
     * @param args the values of the {@code @Tag} parameters in parameter order, or null when there are none
     * @return the token to hand to {@link #exit}, or null when nothing is recorded
     */
    public Object enter(Object[] args) {
        MethodSite s = site;
        return s == null ? null : s.enter(args);
    }

    /**
     * Ends one call. Never throws. A {@link java.util.concurrent.CompletionStage} result is followed until it
     * completes.
     *
     * @param token what {@link #enter} returned
     * @param returned the return value, or null (always null for void and primitive methods)
     * @param thrown what the method threw, or null
     */
    public void exit(Object token, Object returned, Throwable thrown) {
        if (token != null) {
            site.exit(token, returned, thrown);
        }
    }

    @Override
    public String toString() {
        return site == null ? "InstrumentedMethod{refused}" : "InstrumentedMethod{" + site + '}';
    }
}
