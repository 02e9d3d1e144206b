package dev.vigil.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Instruments the test classes, as {@code instrument} does the main ones; types resolve against the main
 * classes and the test class path. Writes its own index into the test output.
 */
@Mojo(name = "instrument-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public final class InstrumentTestsMojo extends AbstractInstrumentMojo {
    /** The compiled test classes, rewritten in place. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    /** Creates the mojo; Maven injects the parameters. */
    public InstrumentTestsMojo() {
    }

    @Override
    File classesDirectory() {
        return testClassesDirectory;
    }

    @Override
    List<String> sourceRoots() {
        return project.getTestCompileSourceRoots();
    }

    @Override
    List<String> classpathElements() throws DependencyResolutionRequiredException {
        // Includes the main output directory, so test classes resolve the types they extend.
        return project.getTestClasspathElements();
    }
}
