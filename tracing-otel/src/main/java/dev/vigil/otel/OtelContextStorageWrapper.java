package dev.vigil.otel;

import dev.vigil.ConfigSource;
import dev.vigil.context.ContextStorage;
import dev.vigil.context.ContextStorageWrapper;
import java.util.Locale;

/**
 * Bridges core's context and OpenTelemetry's, so that a span made current by either side is the parent of spans
 * started by the other. Core discovers it with {@link java.util.ServiceLoader} when its context storage is chosen
 * (see {@link ContextStorageWrapper}); users never call it. It picks one of two modes, once per JVM:
 *
 * <ul>
 *   <li><b>shared</b> (the normal case): it registers a wrapper of OpenTelemetry's context storage, which pushes every
 *   span OpenTelemetry makes current into core's context, and lets OpenTelemetry's {@code Context.current()} see the
 *   span of a newer core observation. Core's own storage is returned unchanged, so Vigil's context keeps the speed
 *   of a plain {@code ThreadLocal} and an unsampled observation costs nothing more.</li>
 *   <li><b>fallback</b>, when OpenTelemetry's context storage was already in use before core's was chosen (its
 *   wrappers can no longer be added) or the OpenTelemetry Java agent owns it: core's context reads OpenTelemetry's
 *   current span when it has none of its own, or when code made another span current inside a sampled Vigil span;
 *   sampled Vigil spans are made current in OpenTelemetry by the handler. Unsampled Vigil observations are then
 *   invisible to OpenTelemetry.</li>
 * </ul>
 *
 * <p>{@code -Dvigil.otel.context-bridge=false} (or {@code VIGIL_OTEL_CONTEXT_BRIDGE=false}) turns the bridge off.
 */
public final class OtelContextStorageWrapper implements ContextStorageWrapper {
    /** System property (and, as {@code VIGIL_OTEL_CONTEXT_BRIDGE}, environment variable) that disables the bridge. */
    public static final String ENABLED_KEY = "vigil.otel.context-bridge";

    /** Creates the wrapper; called by {@link java.util.ServiceLoader}. */
    public OtelContextStorageWrapper() {
    }

    /**
     * Chooses the bridge mode and returns core's storage, unchanged in the shared mode.
     *
     * @param storage core's storage built so far
     * @return the storage core should use
     */
    @Override
    public ContextStorage wrap(ContextStorage storage) {
        // Read once per JVM, before any builder exists; the same snapshot rules as the builder's default source.
        String enabled = ConfigSource.system().get(ENABLED_KEY);
        if (enabled != null && enabled.trim().toLowerCase(Locale.ROOT).equals("false")) {
            ContextBridge.mode = ContextBridge.Mode.OFF;
            return storage;
        }
        if (!ContextBridge.agentPresent()) {
            io.opentelemetry.context.ContextStorage.addWrapper(OtelSideStorage::install);
            // Resolves OpenTelemetry's storage now, so that the mode is known before any observation: if it was
            // already in use, the wrapper above was ignored and the fallback applies.
            io.opentelemetry.context.ContextStorage.get();
            if (OtelSideStorage.installed) {
                ContextBridge.mode = ContextBridge.Mode.SHARED;
                return storage;
            }
        }
        ContextBridge.mode = ContextBridge.Mode.FALLBACK;
        return new VigilSideStorage(storage);
    }

    @Override
    public String toString() {
        return "OtelContextStorageWrapper{mode=" + ContextBridge.mode + '}';
    }
}
