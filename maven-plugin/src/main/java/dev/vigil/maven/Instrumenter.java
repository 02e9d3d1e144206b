package dev.vigil.maven;

import dev.vigil.bytecode.InstrumentedMethod;
import dev.vigil.maven.ClassScanner.ScannedClass;
import dev.vigil.maven.ClassScanner.ScannedMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Rewrites, in place, the class files of a directory whose methods carry {@code @Timed}, {@code @Counted}
 * or {@code @Traced}, and writes the index of instrumented methods. Independent of Maven so that it can be
 * tested (and reused) without it; the mojos only gather the paths and report.
 *
 * <p>Each class file is first scanned without its code; only classes with an annotated method are rewritten,
 * by ByteBuddy with {@link VigilAdvice} inlined into each method, and marked with {@link MarkerAttribute} so
 * that a second run skips them. A class marked for another version of the bytecode interface is compiled again
 * from its source by the {@link Recompiler} and instrumented afresh. Not thread-safe; one instance per run.
 */
final class Instrumenter {
    private static final int JAVA_11 = 55;

    private final Consumer<String> debug;
    private final Recompiler recompiler;
    private final int version;

    /**
     * @param debug receives one line per decision, for {@code mvn -X}
     * @param recompiler compiles classes instrumented for another version again
     */
    Instrumenter(Consumer<String> debug, Recompiler recompiler) {
        this(debug, recompiler, InstrumentedMethod.VERSION);
    }

    /**
     * @param debug receives one line per decision, for {@code mvn -X}
     * @param recompiler compiles classes instrumented for another version again
     * @param version the bytecode interface version to write code for; another than
     *                {@link InstrumentedMethod#VERSION} only in tests, to stand for another plugin
     */
    Instrumenter(Consumer<String> debug, Recompiler recompiler, int version) {
        this.debug = debug;
        this.recompiler = recompiler;
        this.version = version;
    }

    /**
     * Something that kept a method from being instrumented.
     *
     * @param message what and where, naming the class and the method
     * @param cause the exception behind it, or null for a misplaced annotation
     */
    record Problem(String message, Throwable cause) {
    }

    /**
     * What a run did.
     *
     * @param classes how many classes this run rewrote
     * @param methods how many methods this run instrumented
     * @param recompiled how many of those classes an earlier run had instrumented for another version, so that this
     *                   run compiled them again from source first
     * @param alreadyInstrumented how many classes an earlier run had rewritten and this one left alone
     * @param indexed how many methods the index lists, this run's and earlier runs'
     * @param problems misplaced annotations, whose methods are left alone, and failed rewrites, whose classes are
     *                 left unchanged
     */
    record Result(int classes, int methods, int recompiled, int alreadyInstrumented, int indexed, List<Problem> problems) {
    }

    /**
     * Instruments every class file under {@code classesDir} (except {@code META-INF}) and writes the index.
     *
     * @param classesDir the class output directory, rewritten in place; may not exist
     * @param classpath what the classes were compiled against: directories and jars, for type resolution
     * @return what was done and what could not be
     * @throws IOException when a class file or the index cannot be read or written
     * @throws IllegalStateException when the class path holds no usable {@code dev.vigil.bytecode.InstrumentedMethod},
     *         or a class instrumented for another version cannot be compiled again from its source
     */
    Result instrumentDirectory(Path classesDir, List<Path> classpath) throws IOException {
        if (!Files.isDirectory(classesDir)) {
            debug.accept("no class directory " + classesDir + "; nothing to instrument");
            return new Result(0, 0, 0, 0, 0, List.of());
        }
        List<Problem> problems = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> index = new ArrayList<>();
        int classes = 0;
        int methods = 0;
        int recompiled = 0;
        int already = 0;
        try (ClassFileLocator locator = Locators.of(classesDir, classpath, debug)) {
            TypePool pool = TypePool.Default.of(locator);
            SiteMappings mappings = null;
            for (Path file : classFiles(classesDir)) {
                byte[] bytes = Files.readAllBytes(file);
                ScannedClass scanned;
                try {
                    scanned = ClassScanner.scan(bytes);
                } catch (RuntimeException e) {
                    problems.add(new Problem(classesDir.relativize(file) + ": not a readable class file: " + e, e));
                    continue;
                }
                boolean fresh = false;
                if (scanned.instrumented() && scanned.markerVersion() != version) {
                    try {
                        bytes = recompiler.recompile(scanned.className(), bytes, classpath, classesDir);
                        scanned = ClassScanner.scan(bytes);
                    } catch (IllegalStateException e) {
                        stale.add(e.getMessage());
                        continue;
                    }
                    debug.accept(scanned.className() + " was instrumented for another version; compiled it again");
                    fresh = true;
                }
                List<String> misplaced = new ArrayList<>();
                List<ScannedMethod> targets = MethodRules.targets(scanned, misplaced);
                misplaced.forEach(m -> problems.add(new Problem(m, null)));
                if (targets.isEmpty()) {
                    if (fresh) {
                        replace(file, bytes);
                    }
                    continue;
                }
                String className = scanned.className();
                List<String> lines = targets.stream()
                        .map(m -> IndexFile.line(className, m.name(), m.descriptor()))
                        .collect(Collectors.toList());
                if (scanned.instrumented()) {
                    debug.accept(className + " was instrumented by an earlier run");
                    already++;
                    index.addAll(lines);
                    continue;
                }
                if (mappings == null) {
                    // Fails the whole run, once: without the interface class no class can be instrumented.
                    mappings = new SiteMappings(pool, version);
                }
                // The shared pool may hold the stale class file's description; the fresh one must be rewritten.
                TypePool types = fresh ? TypePool.Default.of(new ClassFileLocator.Compound(
                        ClassFileLocator.Simple.of(className, bytes), locator)) : pool;
                try {
                    replace(file, rewrite(scanned, targets, bytes, locator, types, mappings));
                } catch (RuntimeException | LinkageError e) {
                    if (fresh) {
                        // Not the stale instrumentation either: the methods are left uninstrumented, as the message says.
                        replace(file, bytes);
                    }
                    problems.add(new Problem(className + ": could not be instrumented, left unchanged: " + e, e));
                    continue;
                }
                debug.accept("instrumented " + lines);
                classes++;
                methods += targets.size();
                recompiled += fresh ? 1 : 0;
                index.addAll(lines);
            }
        }
        if (!stale.isEmpty()) {
            throw new IllegalStateException(String.join(System.lineSeparator(), stale));
        }
        IndexFile.write(classesDir, index);
        return new Result(classes, methods, recompiled, already, new HashSet<>(index).size(), List.copyOf(problems));
    }

    private static byte[] rewrite(ScannedClass scanned, List<ScannedMethod> targets, byte[] original,
                                  ClassFileLocator locator, TypePool pool, SiteMappings mappings) {
        Set<String> keys = new HashSet<>();
        for (ScannedMethod m : targets) {
            keys.add(m.name() + m.descriptor());
        }
        ElementMatcher<MethodDescription> selected = m -> keys.contains(m.getInternalName() + m.getDescriptor());
        // The bytes just scanned come first, so the rewrite is of exactly the file that was checked.
        ClassFileLocator source = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(scanned.className(), original),
                locator);
        try (DynamicType.Unloaded<?> type = new ByteBuddy()
                // Leniency of a build tool: other compilers (Kotlin, Scala) emit class files javac would not.
                .with(TypeValidation.DISABLED)
                // Only declared methods are touched, so the type hierarchy need not be resolved.
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                // The advice needs no helper fields or initializer; this makes sure none is ever added.
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .redefine(pool.describe(scanned.className()).resolve(), source)
                .visit(mappings.on(scanned.majorVersion() >= JAVA_11, selected))
                .visit(MarkerAttribute.adder(mappings.version()))
                .make(pool)) {
            return type.getBytes();
        }
    }

    /** Writes next to the file and moves it over, so a crash never leaves a half-written class file. */
    private static void replace(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".vigil-tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the class files, sorted so that runs and their logs are reproducible; {@code META-INF} excluded */
    private static List<Path> classFiles(Path classesDir) throws IOException {
        // META-INF/versions holds other versions of classes under the same names, which the type pool would
        // resolve to the base version; multi-release outputs are not supported yet.
        Path metaInf = classesDir.resolve("META-INF");
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".class"))
                    .filter(p -> !p.startsWith(metaInf))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
