package dev.vigil.maven;

import dev.vigil.bytecode.InstrumentedMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles fixture sources at test time and loads what the instrumenter made of them. */
final class Fixtures {
    private Fixtures() {
    }

    /** @return the directory or jar holding vigil-core's classes, the fixtures' class path */
    static Path coreClasses() {
        try {
            return Path.of(InstrumentedMethod.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles sources into {@code dir/classes}.
     *
     * @param dir a scratch directory
     * @param sources binary class name to source text
     * @param options extra javac options, for example {@code --release 8}
     * @return the class output directory
     */
    static Path compile(Path dir, Map<String, String> sources, String... options) {
        try {
            Path src = dir.resolve("src");
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                files.add(Files.writeString(file, e.getValue(), StandardCharsets.UTF_8));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", coreClasses().toString(),
                    "-parameters"));
            args.addAll(List.of(options));
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                boolean ok = javac.getTask(null, fm, diagnostics, args, null, fm.getJavaFileObjectsFromPaths(files)).call();
                if (!ok) {
                    throw new IllegalStateException("fixture does not compile: " + diagnostics.getDiagnostics());
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code src/test/resources/legacy-v1}: {@code fixture.LegacyShop} and its nested {@code Till} as the first
     * plugin (marker version 1, calls into {@code dev.vigil.internal.MethodSite}) instrumented them, and their source.
     *
     * @param dir a scratch directory
     * @return the class directory of the copy, {@code dir/classes}; the sources are in {@code dir/src}
     */
    static Path legacy(Path dir) {
        try {
            Path from = Path.of(Fixtures.class.getResource("/legacy-v1").toURI());
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = dir.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            return dir.resolve("classes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param classes a class directory
     * @return a fresh loader for it whose parent is the test's, so that dev.vigil.* is shared with the test
     */
    static URLClassLoader loader(Path classes) {
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Fixtures.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param classes a class directory made by {@link #compile}
     * @return the instrumenter's result on it, with vigil-core as class path and the sources beside it
     */
    static Instrumenter.Result instrument(Path classes) {
        return instrument(classes, InstrumentedMethod.VERSION);
    }

    /**
     * @param classes a class directory made by {@link #compile}
     * @param version the bytecode interface version to instrument for, as a plugin of that version would
     * @return the instrumenter's result on it, with vigil-core as class path and the sources beside it
     */
    static Instrumenter.Result instrument(Path classes, int version) {
        Recompiler recompiler = new Recompiler(List.of(classes.resolveSibling("src")), "UTF-8");
        try {
            return new Instrumenter(line -> { }, recompiler, version).instrumentDirectory(classes, List.of(coreClasses()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param classes a class directory
     * @param className a binary class name
     * @return the class file's bytes
     */
    static byte[] read(Path classes, String className) {
        try {
            return Files.readAllBytes(classes.resolve(className.replace('.', '/') + ".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
