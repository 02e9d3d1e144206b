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
 * <p>Each instrumented method loads its {@code dev.vigil.bytecode.InstrumentedMethod} as a dynamic constant,
 * resolved once. Class files older than Java 11 cannot hold one; their methods look it up with
 * {@code InstrumentedMethod.of} on every call instead (a cached map lookup), which works but costs more. A class that
 * a plugin of another bytecode interface version instrumented is compiled again from its source and instrumented
 * afresh; when its source cannot be found the build fails and asks for {@code mvn clean}. Misplaced annotations (on abstract or
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
    List<String> sourceRoots() {
        return project.getCompileSourceRoots();
    }

    @Override
    List<String> classpathElements() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }
}
