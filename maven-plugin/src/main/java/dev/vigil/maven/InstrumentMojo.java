package dev.vigil.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Instruments the main classes: rewrites, in place, every method annotated with {@code @Timed},
 * {@code @Counted} or {@code @Traced}, and writes {@code META-INF/vigil/instrumented-methods.txt}.
 * Running it again on the same classes changes nothing.
 *
 * <p>Each instrumented method loads its {@code MethodSite} as a dynamic constant, resolved once. Class files
 * older than Java 11 cannot hold one; their methods look the site up with {@code MethodSite.of} on every
 * call instead (a cached map lookup), which works but costs more. Misplaced annotations (on abstract or
 * native methods, {@code @Tag} on a method that is not instrumented) fail the build unless
 * {@code failOnError} is false.
 */
@Mojo(name = "instrument", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class InstrumentMojo extends AbstractInstrumentMojo {
    /** The compiled main classes, rewritten in place. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** Creates the mojo; Maven injects the parameters. */
    public InstrumentMojo() {
    }

    @Override
    File classesDirectory() {
        return classesDirectory;
    }

    @Override
    List<String> classpathElements() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }
}
