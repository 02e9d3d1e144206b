package dev.vigil.logging;

import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;

/**
 * Applies the redaction policy to everything an encoder writes, whichever provider writes it (MDC, key-values,
 * structured arguments, exception messages, custom fields): free text is masked by the policy, the whole value of a
 * sensitive key (an object or array included) becomes {@code ****}, and long numbers that look like card numbers
 * are checked too. Vigil's own providers redact their text themselves (before shortening it, so a cut never leaves
 * half a secret) and write it with {@link #writeTrustedString}, which skips a second pass.
 *
 * <p>Every overload comes down to the few writes overridden here ({@link NormalizingGeneratorDelegate}), and what
 * becomes of each value is decided by a {@link MaskingState}. Values that Jackson serialises (a POJO key-value) come
 * back through these methods field by field.
 */
final class RedactingJsonGenerator extends NormalizingGeneratorDelegate {
    /** Integers with fewer digits than the shortest card number (12) cannot hold one. */
    private static final long SMALL = 100_000_000_000L;

    private final MaskingState state;

    RedactingJsonGenerator(JsonGenerator delegate) {
        super(delegate);
        this.state = new MaskingState(delegate);
    }

    /** Writes text that the caller has redacted already. */
    void writeTrustedString(String name, String value) {
        if (!state.dropping()) {
            delegate.writeName(name);
            delegate.writeString(value);
        }
    }

    /** Clears the state between events, so a failed event cannot leave the next one masked. */
    void reset() {
        state.reset();
    }

    // --- names

    @Override
    public JsonGenerator writeName(String name) {
        if (!state.dropping()) {
            boolean trusted = state.trusted(name);
            delegate.writeName(trusted ? name : LogRedaction.redact(name));
            state.named(name, trusted);
        }
        return this;
    }

    // --- structure

    @Override
    public JsonGenerator writeStartObject() {
        if (state.enter()) {
            delegate.writeStartObject();
        }
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue) {
        if (state.enter()) {
            delegate.writeStartObject(forValue);
        }
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue, int size) {
        if (state.enter()) {
            delegate.writeStartObject(forValue, size);
        }
        return this;
    }

    @Override
    public JsonGenerator writeStartArray() {
        if (state.enter()) {
            delegate.writeStartArray();
        }
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue) {
        if (state.enter()) {
            delegate.writeStartArray(forValue);
        }
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue, int size) {
        if (state.enter()) {
            delegate.writeStartArray(forValue, size);
        }
        return this;
    }

    @Override
    public JsonGenerator writeEndObject() {
        if (state.exit()) {
            delegate.writeEndObject();
        }
        return this;
    }

    @Override
    public JsonGenerator writeEndArray() {
        if (state.exit()) {
            delegate.writeEndArray();
        }
        return this;
    }

    // --- text

    @Override
    public JsonGenerator writeString(String text) {
        if (state.dropping() || state.masked()) {
            return this;
        }
        boolean trusted = state.takeTrust();
        delegate.writeString(trusted || text == null ? text : LogRedaction.redact(text));
        return this;
    }

    @Override
    public JsonGenerator writeRaw(String text) {
        if (!state.dropping()) {
            delegate.writeRaw(LogRedaction.redact(text));
        }
        return this;
    }

    @Override
    public JsonGenerator writeRawValue(String text) {
        if (state.dropping() || state.masked()) {
            return this;
        }
        state.takeTrust(); // a raw value is redacted even after a trusted name
        delegate.writeRawValue(LogRedaction.redact(text));
        return this;
    }

    // --- scalars

    @Override
    public JsonGenerator writeNumber(short v) {
        if (state.scalar()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(int v) {
        if (state.scalar()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(long v) {
        if (state.scalar() && (v > -SMALL && v < SMALL || !state.maskedNumber(Long.toString(v)))) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigInteger v) {
        if (state.scalar() && !state.maskedNumber(v.toString())) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(double v) {
        if (state.scalar()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(float v) {
        if (state.scalar()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal v) {
        if (state.scalar() && !state.maskedNumber(v.toPlainString())) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(String encodedValue) {
        if (state.scalar() && !state.maskedNumber(encodedValue)) {
            delegate.writeNumber(encodedValue);
        }
        return this;
    }

    @Override
    public JsonGenerator writeBoolean(boolean value) {
        if (state.scalar()) {
            delegate.writeBoolean(value);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNull() {
        if (state.scalar()) {
            delegate.writeNull();
        }
        return this;
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int len) {
        if (state.scalar()) {
            delegate.writeBinary(variant, data, offset, len);
        }
        return this;
    }

    @Override
    public int writeBinary(Base64Variant variant, java.io.InputStream data, int dataLength) {
        if (state.scalar()) {
            return delegate.writeBinary(variant, data, dataLength);
        }
        return 0;
    }

    @Override
    public JsonGenerator writeEmbeddedObject(Object object) {
        if (state.scalar()) {
            delegate.writeEmbeddedObject(object);
        }
        return this;
    }

    @Override
    public JsonGenerator writePOJO(Object pojo) {
        if (state.dropping() || state.masked()) {
            return this;
        }
        return super.writePOJO(pojo);
    }
}
