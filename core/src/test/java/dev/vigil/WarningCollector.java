package dev.vigil;

import dev.vigil.internal.ApiWarnings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects Vigil's rate-limited warnings during a test, so tests assert that misuse is reported. */
public final class WarningCollector implements AutoCloseable {
    /** The kinds of the warnings that were logged, in order. */
    public final List<String> kinds = new CopyOnWriteArrayList<>();
    /** The texts of the warnings that were logged, in order. */
    public final List<String> messages = new CopyOnWriteArrayList<>();

    /** Starts collecting, with fresh rate-limit windows. */
    public WarningCollector() {
        ApiWarnings.resetForTest();
        ApiWarnings.setListener((kind, message) -> {
            kinds.add(kind);
            messages.add(message);
        });
    }

    @Override
    public void close() {
        ApiWarnings.setListener(null);
        ApiWarnings.resetForTest();
    }
}
