package dev.vigil.spi;

import java.io.IOException;
import java.io.OutputStream;

/** A metrics backend that can render a pull scrape; the management server serves it at {@code /metrics}. */
public interface ScrapeSource {
    /**
     * Chooses the content type for a scrape request.
     *
     * @param acceptHeader the request's {@code Accept} header, or null
     * @return the content type that {@link #scrape} will write
     */
    String contentType(String acceptHeader);

    /**
     * Writes the scrape.
     *
     * @param acceptHeader the request's {@code Accept} header (OpenMetrics when it asks for it), or null
     * @param out where to write; not closed
     * @throws IOException when writing fails
     */
    void scrape(String acceptHeader, OutputStream out) throws IOException;
}
