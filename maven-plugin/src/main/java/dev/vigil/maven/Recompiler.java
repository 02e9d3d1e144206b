package dev.vigil.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Compiles a class again from its source, so that a class instrumented for another version of the bytecode interface
 * can be instrumented afresh. Instrumenting the instrumented bytecode again would record every call twice, and taking
 * the old instrumentation out reliably would need the plugin that put it in; the source gives the original class back.
 *
 * <p>The source is found from the class's {@code SourceFile} attribute and package in the compile source roots. It is
 * compiled alone against the project's class path (which holds the project's other classes), with {@code --release}
 * of the class file's version, and the debug information and {@code -parameters} the class file shows it was compiled
 * with; annotation processors on the class path run as in any compile. A source is compiled at most once per run.
 */
final class Recompiler {
    /** Class-file major version minus this is the Java release: 61 is Java 17. */
    private static final int MAJOR_TO_RELEASE = 44;
    private static final int MAX_ERRORS = 5;

    private final List<Path> sourceRoots;
    private final String encoding;
    private final Map<String, Map<String, byte[]>> compiled = new HashMap<>();

    /**
     * @param sourceRoots where the project's sources are, for example {@code src/main/java}
     * @param encoding the sources' encoding, or null for javac's default
     */
    Recompiler(List<Path> sourceRoots, String encoding) {
        this.sourceRoots = List.copyOf(sourceRoots);
        this.encoding = encoding;
    }

    /**
     * @param className the binary name of the stale class
     * @param stale its class file
     * @param classpath what the project compiles against; {@code classesDir} is added when missing
     * @param classesDir the class output directory the class is in
     * @return the class file compiled from its source, not instrumented
     * @throws IllegalStateException saying what is missing and to build from clean, when the source cannot be
     *         found or does not compile
     */
    byte[] recompile(String className, byte[] stale, List<Path> classpath, Path classesDir) {
        Shape shape = Shape.of(stale);
        if (shape.sourceFile == null) {
            throw stale(className, "its class file names no source file");
        }
        if (!shape.sourceFile.endsWith(".java")) {
            throw stale(className, "its source " + shape.sourceFile + " is not Java");
        }
        int dot = className.lastIndexOf('.');
        String relative = (dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/") + shape.sourceFile;
        Path source = null;
        for (Path root : sourceRoots) {
            if (Files.isRegularFile(root.resolve(relative))) {
                source = root.resolve(relative);
                break;
            }
        }
        if (source == null) {
            throw stale(className, "its source " + relative + " is in none of the source roots " + sourceRoots);
        }
        List<String> options = shape.options();
        String key = source + " " + options;
        Map<String, byte[]> classes = compiled.get(key);
        if (classes == null) {
            classes = compile(className, source, options, classpath, classesDir);
            compiled.put(key, classes);
        }
        byte[] fresh = classes.get(className);
        if (fresh == null) {
            throw stale(className, "compiling " + relative + " again gave no class of that name");
        }
        return fresh;
    }

    private Map<String, byte[]> compile(String className, Path source, List<String> shapeOptions, List<Path> classpath,
                                        Path classesDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw stale(className, "the build runs on a Java runtime without a compiler (javax.tools)");
        }
        Path out = null;
        try {
            out = Files.createTempDirectory("vigil-recompile");
            List<String> path = new ArrayList<>();
            if (!classpath.contains(classesDir)) {
                path.add(classesDir.toString());
            }
            classpath.forEach(p -> path.add(p.toString()));
            List<String> options = new ArrayList<>(List.of("-d", out.toString(),
                    "-classpath", String.join(File.pathSeparator, path),
                    // Other types come from their class files only: no other source is compiled or written.
                    "-sourcepath", out.toString(), "-implicit:none", "-nowarn", "-Xlint:none"));
            if (encoding != null) {
                options.addAll(List.of("-encoding", encoding));
            }
            options.addAll(shapeOptions);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                boolean ok = javac.getTask(null, files, diagnostics, options, null,
                        files.getJavaFileObjectsFromPaths(List.of(source))).call();
                if (!ok) {
                    throw stale(className, "its source " + source + " does not compile again: " + errors(diagnostics));
                }
            }
            return read(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Vigil could not compile " + source + " again: " + e.getMessage(), e);
        } finally {
            delete(out);
        }
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .limit(MAX_ERRORS)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("; "));
    }

    private static Map<String, byte[]> read(Path out) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = out.relativize(f).toString().replace(File.separatorChar, '.');
                classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
            }
        }
        return classes;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary directory left behind is harmless; the build's outcome does not depend on it.
        }
    }

    private static IllegalStateException stale(String className, String why) {
        return new IllegalStateException(className + " was instrumented by a vigil-maven-plugin of another version and"
                + " must be compiled again before it is instrumented, but " + why
                + ". Build from clean (mvn clean verify) so that it is compiled afresh.");
    }

    /** What the stale class file says about how it was compiled. */
    private static final class Shape extends ClassVisitor {
        int major;
        String sourceFile;
        boolean parameters;
        boolean lines;
        boolean locals;

        private Shape() {
            super(OpenedClassReader.ASM_API);
        }

        static Shape of(byte[] classFile) {
            Shape shape = new Shape();
            OpenedClassReader.of(classFile).accept(shape, ClassReader.SKIP_FRAMES);
            return shape;
        }

        /** @return the javac options that give a class file of the same version and the same debug information */
        List<String> options() {
            List<String> options = new ArrayList<>(List.of("--release", Integer.toString(major - MAJOR_TO_RELEASE),
                    locals ? "-g" : lines ? "-g:source,lines" : "-g:source"));
            if (parameters) {
                options.add("-parameters");
            }
            return options;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            major = version & 0xFFFF;
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(OpenedClassReader.ASM_API) {
                @Override
                public void visitParameter(String parameter, int parameterAccess) {
                    parameters = true;
                }

                @Override
                public void visitLineNumber(int line, Label start) {
                    lines = true;
                }

                @Override
                public void visitLocalVariable(String local, String desc, String sig, Label start, Label end, int index) {
                    locals = true;
                }
            };
        }
    }
}
