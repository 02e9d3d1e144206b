package dev.vigil.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.dynamic.ClassFileLocator;

/** Builds the class file lookup of a run: the project's classes and class path first, then the plugin's Vigil and the JDK. */
final class Locators {
    private Locators() {
    }

    /**
     * @param classesDir the directory being instrumented
     * @param classpath the project's class path; entries that are neither directories nor archives are ignored
     * @param debug receives a line per unreadable entry
     * @return a locator to close after the run (it holds the jar files open)
     * @throws IOException when closing a half-built locator fails
     */
    static ClassFileLocator of(Path classesDir, List<Path> classpath, Consumer<String> debug) throws IOException {
        List<ClassFileLocator> locators = new ArrayList<>();
        locators.add(new ClassFileLocator.ForFolder(classesDir.toFile()));
        try {
            for (Path entry : classpath) {
                if (entry.equals(classesDir)) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    locators.add(new ClassFileLocator.ForFolder(entry.toFile()));
                } else if (Files.isRegularFile(entry)) {
                    try {
                        locators.add(ClassFileLocator.ForJarFile.of(entry.toFile()));
                    } catch (IOException e) {
                        // Types in a broken archive stay unresolved; that only matters if a rewrite needs them.
                        debug.accept("cannot read class path entry " + entry + ": " + e);
                    }
                }
            }
        } catch (RuntimeException e) {
            new ClassFileLocator.Compound(locators).close();
            throw e;
        }
        // The plugin's own Vigil classes, for projects that see core only at run time (or a different build of it).
        locators.add(new ClassFileLocator.Filtering(name -> name.startsWith("dev.vigil."),
                ClassFileLocator.ForClassLoader.of(Locators.class.getClassLoader())));
        // The JDK running the build: java.* types, as the JDK the project targets has them (or a superset).
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        return new ClassFileLocator.Compound(locators);
    }
}
