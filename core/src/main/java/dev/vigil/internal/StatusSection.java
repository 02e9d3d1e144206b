package dev.vigil.internal;

import java.util.List;

/**
 * One table of the status page fed by another part of Vigil (SLO budgets, today's GenAI cost), so that the page knows
 * no domain: it renders each section that has rows, HTML-escaping every cell. Called on a management thread for each
 * page view; it must be quick, must not block, and its cells must hold nothing secret.
 *
 * <p>Internal: not part of Vigil's API.
 */
public interface StatusSection {
    /** @return the section's heading, for example {@code SLO error budget} */
    String title();

    /** @return the column headings */
    List<String> columns();

    /** @return the rows, each as many cells as {@link #columns()}; empty hides the section */
    List<List<String>> rows();
}
