package dev.vigil.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Counts the methods that {@code vigil-maven-plugin} instrumented, from the index it writes into every
 * class output it rewrites. Install logs the count, so a build that forgot the plugin shows {@code 0}
 * instead of silence.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class InstrumentedMethods {
    /** The index file the plugin writes: one instrumented method a line, as {@code class#method descriptor}. */
    public static final String INDEX = dev.vigil.bytecode.InstrumentedMethod.INDEX;

    private InstrumentedMethods() {
    }

    /**
     * @param loader where to look
     * @return how many instrumented methods all the indexes on the class path list
     */
    public static int count(ClassLoader loader) {
        int n = 0;
        try {
            Enumeration<URL> urls = loader == null ? ClassLoader.getSystemResources(INDEX) : loader.getResources(INDEX);
            while (urls.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(urls.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            n++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            ApiWarnings.warn("instrumentation", "could not read " + INDEX + ": " + e);
        }
        return n;
    }
}
