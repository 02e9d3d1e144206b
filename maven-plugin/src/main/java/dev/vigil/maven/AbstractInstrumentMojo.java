package dev.vigil.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What both goals share: gather the paths, run the {@link Instrumenter}, report. */
abstract class AbstractInstrumentMojo extends AbstractMojo {
    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skips instrumentation; annotated methods then record nothing. */
    @Parameter(property = "vigil.instrument.skip", defaultValue = "false")
    boolean skip;

    /**
     * Whether a misplaced annotation (on an abstract or native method, a {@code @Tag} on a method that is not
     * instrumented) or a class that cannot be rewritten fails the build. When false they are logged as
     * warnings and the affected methods are left uninstrumented.
     */
    @Parameter(property = "vigil.instrument.failOnError", defaultValue = "true")
    boolean failOnError;

    /**
     * The encoding of the sources, for compiling again a class that a plugin of another version instrumented.
     * Unset means javac's default, as for the compiler plugin.
     */
    @Parameter(defaultValue = "${project.build.sourceEncoding}")
    String encoding;

    /** @return the directory to rewrite in place */
    abstract File classesDirectory();

    /** @return the roots of the sources compiled into {@link #classesDirectory()} */
    abstract List<String> sourceRoots();

    /**
     * @return the class path the classes were compiled against, for type resolution
     * @throws DependencyResolutionRequiredException when Maven did not resolve it
     */
    abstract List<String> classpathElements() throws DependencyResolutionRequiredException;

    /**
     * Instruments {@link #classesDirectory()}.
     *
     * @throws MojoExecutionException when the class files cannot be read or written
     * @throws MojoFailureException when an annotation is misplaced or a class cannot be rewritten, and
     *         {@code failOnError} is true
     */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Vigil instrumentation skipped (vigil.instrument.skip)");
            return;
        }
        Path dir = classesDirectory().toPath().toAbsolutePath().normalize();
        List<Path> classpath = new ArrayList<>();
        try {
            for (String element : classpathElements()) {
                classpath.add(Path.of(element).toAbsolutePath().normalize());
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Vigil needs the resolved class path of " + project.getId(), e);
        }
        List<Path> sources = new ArrayList<>();
        for (String root : sourceRoots()) {
            sources.add(Path.of(root).toAbsolutePath().normalize());
        }
        Instrumenter.Result result;
        try {
            result = new Instrumenter(getLog()::debug, new Recompiler(sources, encoding)).instrumentDirectory(dir, classpath);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Vigil could not instrument " + dir + ": " + e.getMessage(), e);
        }
        report(dir, result);
    }

    private void report(Path dir, Instrumenter.Result result) throws MojoFailureException {
        if (!result.problems().isEmpty()) {
            StringBuilder b = new StringBuilder("Vigil cannot instrument ").append(result.problems().size())
                    .append(result.problems().size() == 1 ? " method or class" : " methods or classes").append(':');
            Throwable cause = null;
            for (Instrumenter.Problem p : result.problems()) {
                b.append(System.lineSeparator()).append("  ").append(p.message());
                cause = cause == null ? p.cause() : cause;
                if (!failOnError) {
                    getLog().warn("Vigil: " + p.message(), p.cause());
                }
            }
            if (failOnError) {
                MojoFailureException failure = new MojoFailureException(b.toString());
                if (cause != null) {
                    failure.initCause(cause);
                }
                throw failure;
            }
        }
        getLog().info("Vigil instrumented " + result.methods() + plural(result.methods(), " method") + " in "
                + result.classes() + plural(result.classes(), " class")
                + (result.recompiled() == 0 ? "" : " (" + result.recompiled() + " compiled again from source:"
                        + " instrumented by another plugin version)")
                + (result.alreadyInstrumented() == 0 ? "" : " (" + result.alreadyInstrumented()
                        + plural(result.alreadyInstrumented(), " class") + " already instrumented)"));
        getLog().debug("Vigil index of " + dir + " lists " + result.indexed() + " methods");
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word.endsWith("s") ? word + "es" : word + "s";
    }
}
