package dev.vigil.otel;

/** The bridge mode chosen by {@link OtelContextStorageWrapper}, read by the handler. */
final class ContextBridge {
    enum Mode {
        /** Core's storage was chosen without this module's wrapper (another class loader, or not yet chosen). */
        NONE,
        /** Turned off with {@code vigil.otel.context-bridge=false}. */
        OFF,
        /** Both contexts kept in step by {@link OtelSideStorage}. */
        SHARED,
        /** Core reads OpenTelemetry's span through {@link VigilSideStorage}; sampled spans are made current. */
        FALLBACK
    }

    static volatile Mode mode = Mode.NONE;

    private ContextBridge() {
    }

    /** Whether the handler must make sampled spans current in OpenTelemetry itself. */
    static boolean handlerMakesCurrent() {
        Mode m = mode;
        return m == Mode.FALLBACK || m == Mode.NONE;
    }

    /**
     * Whether the OpenTelemetry Java agent runs: its bootstrap classes are on the boot class path, and it replaces
     * the application's OpenTelemetry context storage with its own, which bypasses storage wrappers.
     */
    static boolean agentPresent() {
        try {
            Class.forName("io.opentelemetry.javaagent.bootstrap.AgentInitializer", false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
