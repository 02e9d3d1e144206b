package dev.vigil.maven;

import dev.vigil.bytecode.InstrumentedMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The index of instrumented methods that core counts at install ({@link InstrumentedMethod#INDEX}): one
 * {@code fully.qualified.Class#method(descriptor)} a line, sorted and without duplicates.
 *
 * <p>The instrumenter lists every instrumented method found in the directory, including those of classes an
 * earlier run already rewrote (their annotations are still there), so the file is the merge of all runs
 * and at the same time drops the lines of classes that were deleted or lost their annotations.
 */
final class IndexFile {
    private IndexFile() {
    }

    /**
     * @param className the binary class name
     * @param method the method name
     * @param descriptor the method's JVM descriptor
     * @return the index line
     */
    static String line(String className, String method, String descriptor) {
        return className + "#" + method + descriptor;
    }

    /**
     * Writes the index, or deletes a stale one when there is nothing to list. Leaves an identical file
     * untouched, so an incremental build sees no change.
     *
     * @param classesDir the class output directory
     * @param lines the index lines, in any order, possibly with duplicates
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path write(Path classesDir, Collection<String> lines) throws IOException {
        Path file = classesDir.resolve(InstrumentedMethod.INDEX);
        if (lines.isEmpty()) {
            Files.deleteIfExists(file);
            return file;
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(lines));
        if (Files.isRegularFile(file) && Files.readAllLines(file, StandardCharsets.UTF_8).equals(sorted)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        // "\n" rather than the platform separator: the same sources give the same jar on every OS.
        Files.writeString(file, String.join("\n", sorted) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * @param classesDir the class output directory
     * @return the lines of its index, empty when there is none
     * @throws IOException when it cannot be read
     */
    static List<String> read(Path classesDir) throws IOException {
        Path file = classesDir.resolve(InstrumentedMethod.INDEX);
        return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
