package dev.vigil.logging;

import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Where a {@link RedactingJsonGenerator} stands in the event it writes, and so what becomes of the next value:
 * masked (it follows a sensitive key: a scalar becomes {@code ****}, and so does an object or array, whose content is
 * then dropped whole), trusted (a top-level field whose value Vigil or Logback produce, written without a pass), or
 * dropped (anything inside a masked structure). The mask is written here, so that each decision is made in one place.
 */
final class MaskingState {
    static final String MASK = "****";
    /** Top-level fields whose values Vigil or Logback produce, never user data: written without a pass. */
    private static final Set<String> TRUSTED = Set.of(FieldNames.JSON.timestamp, FieldNames.JSON.level, FieldNames.JSON.logger,
            FieldNames.ECS.timestamp, FieldNames.ECS.level, FieldNames.ECS.logger, "ecs.version");

    /** The generator the redacted output goes to, where the mask is written. */
    private final JsonGenerator out;
    private int depth;
    /** Above 0 while the structure under a sensitive key is being dropped. */
    private int swallow;
    private boolean maskNext;
    private boolean trustNext;

    MaskingState(JsonGenerator out) {
        this.out = out;
    }

    /** @return true inside a structure under a sensitive key, where nothing is written */
    boolean dropping() {
        return swallow > 0;
    }

    /** @return true when the name is a top-level field whose value Vigil or Logback produce: it is written as it is */
    boolean trusted(String name) {
        return depth == 1 && TRUSTED.contains(name);
    }

    /** Takes the name just written (trusted as {@link #trusted} said): the next value is trusted, or masked if sensitive. */
    void named(String name, boolean trusted) {
        if (trusted) {
            trustNext = true;
        } else {
            maskNext = LogRedaction.isSensitiveKey(name);
        }
    }

    /**
     * Enters an object or array about to start.
     *
     * @return true when it is written; false when it is dropped: under a sensitive key (the mask is written in its
     *     place), or inside such a structure
     */
    boolean enter() {
        if (swallow > 0) {
            swallow++;
            return false;
        }
        trustNext = false;
        if (maskNext) {
            maskNext = false;
            out.writeString(MASK);
            swallow = 1;
            return false;
        }
        depth++;
        return true;
    }

    /** @return true when the object or array ending now was written, false when it was dropped */
    boolean exit() {
        if (swallow > 0) {
            swallow--;
            return false;
        }
        depth--;
        return true;
    }

    /** @return true when the scalar about to be written goes out; false when it is dropped or was replaced by the mask */
    boolean scalar() {
        trustNext = false;
        if (swallow > 0) {
            return false;
        }
        return !masked();
    }

    /** @return true when the value about to be written follows a sensitive key: the mask was written in its place */
    boolean masked() {
        if (maskNext) {
            maskNext = false;
            out.writeString(MASK);
            return true;
        }
        return false;
    }

    /** @return whether the value about to be written follows a trusted name; either way, the next one does not */
    boolean takeTrust() {
        boolean trusted = trustNext;
        trustNext = false;
        return trusted;
    }

    /** Writes the mask instead of a number whose digits the policy finds sensitive (a card number). */
    boolean maskedNumber(String digits) {
        if (LogRedaction.redact(digits) != digits) {
            out.writeString(MASK);
            return true;
        }
        return false;
    }

    /** Clears the state between events, so a failed event cannot leave the next one masked. */
    void reset() {
        depth = 0;
        swallow = 0;
        maskNext = false;
        trustNext = false;
    }
}
