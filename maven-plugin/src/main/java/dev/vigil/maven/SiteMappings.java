package dev.vigil.maven;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.collection.ArrayFactory;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.ClassConstant;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.constant.JavaConstantValue;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaConstant;

/**
 * Binds the placeholders of {@link VigilAdvice} per instrumented method. Two advices exist: one for class
 * files of Java 11 or newer, whose site is a dynamic constant bootstrapped by {@code InstrumentedMethod.bootstrap}
 * (resolved once, then a true constant the JIT folds), and one for older class files, which cannot hold a
 * dynamic constant and call {@code InstrumentedMethod.of} instead (a cached map lookup per call). Both hand core
 * the bytecode interface version the code is written for.
 */
final class SiteMappings {
    /** The binary name of the bytecode interface in core: the only class generated code calls. */
    static final String BYTECODE_INTERFACE = "dev.vigil.bytecode.InstrumentedMethod";
    /** The binary name of {@code @Tag}. */
    static final String TAG = "dev.vigil.annotation.Tag";

    private static final TypeDescription.Generic OBJECT = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class);

    private final Advice withConstantDynamic;
    private final Advice withLookup;
    private final int version;

    /**
     * @param pool resolves {@code InstrumentedMethod} as the project will see it
     * @param version the bytecode interface version to hand core
     * @throws IllegalStateException when {@code InstrumentedMethod} or its bootstrap methods cannot be found
     */
    SiteMappings(TypePool pool, int version) {
        TypePool.Resolution resolution = pool.describe(BYTECODE_INTERFACE);
        if (!resolution.isResolved()) {
            throw new IllegalStateException(BYTECODE_INTERFACE + " is neither on the project's class path nor in the plugin;"
                    + " add a dependency on dev.vigil:vigil-core");
        }
        this.version = version;
        TypeDescription site = resolution.resolve();
        MethodDescription.InDefinedShape bootstrap = method(site, "bootstrap", 6);
        MethodDescription.InDefinedShape of = method(site, "of", 4);
        withConstantDynamic = advice(new SiteMapping(bootstrap, null, version));
        withLookup = advice(new SiteMapping(null, of, version));
    }

    private static MethodDescription.InDefinedShape method(TypeDescription site, String name, int parameters) {
        MethodList<MethodDescription.InDefinedShape> found = site.getDeclaredMethods()
                .filter(named(name).and(isStatic()).and(takesArguments(parameters)));
        if (found.size() != 1) {
            // A vigil-core older or newer than this plugin: generated code would not link, so fail the build.
            throw new IllegalStateException(BYTECODE_INTERFACE + " on the class path has no static " + name + " method with "
                    + parameters + " parameters; use vigil-core of the same version as vigil-maven-plugin");
        }
        return found.getOnly();
    }

    /** @return the bytecode interface version the generated code speaks */
    int version() {
        return version;
    }

    /**
     * @param constantDynamic whether the class file is version 55 (Java 11) or newer
     * @param methods the methods to instrument
     * @return the visitor that inlines the advice into those methods
     */
    AsmVisitorWrapper on(boolean constantDynamic, ElementMatcher<? super MethodDescription> methods) {
        return (constantDynamic ? withConstantDynamic : withLookup).on(methods);
    }

    private static Advice advice(Advice.OffsetMapping site) {
        return Advice.withCustomMapping()
                .bind(VigilAdvice.Site.class, site)
                .bind(VigilAdvice.Args.class, new ArgsMapping())
                .bind(VigilAdvice.Returned.class, new ReturnedMapping())
                .to(VigilAdvice.class);
    }

    /** @return whether any parameter of the method carries {@code @Tag} */
    static boolean hasTag(MethodDescription method) {
        for (ParameterDescription p : method.getParameters()) {
            if (isTagged(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTagged(ParameterDescription p) {
        for (AnnotationDescription a : p.getDeclaredAnnotations()) {
            if (a.getAnnotationType().getName().equals(TAG)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The site: a dynamic constant when {@code bootstrap} is set, else
     * {@code InstrumentedMethod.of(Type.class, version, name, desc)}.
     */
    private static final class SiteMapping implements Advice.OffsetMapping {
        private final MethodDescription.InDefinedShape bootstrap;
        private final MethodDescription.InDefinedShape of;
        private final int version;

        SiteMapping(MethodDescription.InDefinedShape bootstrap, MethodDescription.InDefinedShape of, int version) {
            this.bootstrap = bootstrap;
            this.of = of;
            this.version = version;
        }

        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            String name = instrumentedMethod.getInternalName();
            String descriptor = instrumentedMethod.getDescriptor();
            if (bootstrap != null) {
                // The constant's name is unused by the bootstrap; the method name makes javap output readable.
                JavaConstant constant = JavaConstant.Dynamic.bootstrap(name, bootstrap, List.of(version, name, descriptor));
                return new Target.ForStackManipulation(new JavaConstantValue(constant));
            }
            return new Target.ForStackManipulation(new StackManipulation.Compound(
                    ClassConstant.of(instrumentedType), IntegerConstant.forValue(version), new TextConstant(name),
                    new TextConstant(descriptor), MethodInvocation.invoke(of)));
        }
    }

    /**
     * The {@code @Tag} arguments, in parameter order, as an {@code Object[]}; null when there are none.
     * Only tagged parameters are loaded and boxed, so untagged primitives never allocate, and with nothing
     * installed the JIT can drop the array along with the early return in {@code InstrumentedMethod.enter}.
     */
    private static final class ArgsMapping implements Advice.OffsetMapping {
        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            List<StackManipulation> values = new ArrayList<>();
            for (ParameterDescription p : instrumentedMethod.getParameters()) {
                if (isTagged(p)) {
                    values.add(new StackManipulation.Compound(
                            MethodVariableAccess.of(p.getType()).loadFrom(argumentHandler.argument(p.getOffset())),
                            assigner.assign(p.getType(), OBJECT, Assigner.Typing.STATIC)));
                }
            }
            if (values.isEmpty()) {
                return new Target.ForStackManipulation(NullConstant.INSTANCE);
            }
            return new Target.ForStackManipulation(ArrayFactory.forType(OBJECT).withValues(values));
        }
    }

    /**
     * The return value for reference-returning methods; null for void and primitive ones, whose value core
     * never reads (only a {@code CompletionStage} result matters) and whose boxing would allocate per call.
     */
    private static final class ReturnedMapping implements Advice.OffsetMapping {
        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            if (instrumentedMethod.getReturnType().isPrimitive()) {
                return new Target.ForStackManipulation(NullConstant.INSTANCE);
            }
            return new Advice.OffsetMapping.ForReturnValue(OBJECT, true, Assigner.Typing.DYNAMIC)
                    .resolve(instrumentedType, instrumentedMethod, assigner, argumentHandler, sort);
        }
    }
}
