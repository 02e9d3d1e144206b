package dev.vigil.otel;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.lang.reflect.Field;

/**
 * Spares the SDK Vigil builds from re-checking the ids {@link CoreIds.Ids} hands it.
 *
 * <p>OpenTelemetry's span builder checks the hex text of every new span's trace and span id (48 characters, about
 * 14 ns of a 250 ns span on the benchmark machine) unless the id generator is its own random one: the test is
 * {@code idGenerator instanceof RandomIdGenerator} on a package-private enum, taken once when the provider is built
 * and kept in a private field of its shared state. No public API sets it. {@link CoreIds.Ids} only ever returns ids
 * that pass that check (hex of core's non-zero ids, or the random generator's own), which is exactly what the flag
 * promises, so the provider's flag is set through reflection right after it is built, before any span starts.
 *
 * <p>This relies on SDK internals, so it is fenced: only the provider Vigil built and owns is touched, and if the
 * fields are not there (another SDK version) or not accessible (the SDK on the module path), nothing changes and
 * the SDK checks every id as before, which is only slower. A test pins that it takes effect with the SDK version
 * the build uses.
 */
final class TrustedIds {
    private TrustedIds() {
    }

    /**
     * @param provider a provider whose id generator is {@link CoreIds.Ids}, not yet used
     * @return whether its span builders now skip the id check
     */
    static boolean trust(SdkTracerProvider provider) {
        try {
            Field shared = SdkTracerProvider.class.getDeclaredField("sharedState");
            shared.setAccessible(true);
            Object state = shared.get(provider);
            Field skip = state.getClass().getDeclaredField("idGeneratorSafeToSkipIdValidation");
            if (skip.getType() != boolean.class) {
                return false;
            }
            skip.setAccessible(true);
            skip.setBoolean(state, true);
            return skip.getBoolean(state);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // InaccessibleObjectException, NoSuchFieldException...: the SDK keeps checking
        }
    }
}
