package dev.vigil.logging;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Applies the redaction policy to everything an encoder writes, whichever provider writes it (MDC, key-values,
 * structured arguments, exception messages, custom fields): free text is masked by the policy, the whole value of a
 * sensitive key (an object or array included) becomes {@code ****}, and long numbers that look like card numbers
 * are checked too. Vigil's own providers redact their text themselves (before shortening it, so a cut never leaves
 * half a secret) and write it with {@link #writeTrustedString}, which skips a second pass.
 *
 * <p>Built as a delegate that does not copy methods, so values that Jackson serialises (a POJO key-value) come back
 * through these methods field by field.
 */
final class RedactingJsonGenerator extends JsonGeneratorDelegate {
    static final String MASK = "****";
    /** Top-level fields whose values Vigil or Logback produce, never user data: written without a pass. */
    private static final Set<String> TRUSTED = Set.of(FieldNames.JSON.timestamp, FieldNames.JSON.level, FieldNames.JSON.logger,
            FieldNames.ECS.timestamp, FieldNames.ECS.level, FieldNames.ECS.logger, "ecs.version");
    /** Integers with fewer digits than the shortest card number (12) cannot hold one. */
    private static final long SMALL = 100_000_000_000L;

    private int depth;
    /** Above 0 while the structure under a sensitive key is being dropped. */
    private int swallow;
    private boolean maskNext;
    private boolean trustNext;

    RedactingJsonGenerator(JsonGenerator delegate) {
        super(delegate, false);
    }

    /** Writes text that the caller has redacted already. */
    void writeTrustedString(String name, String value) {
        if (swallow == 0) {
            delegate.writeName(name);
            delegate.writeString(value);
        }
    }

    // --- names

    @Override
    public JsonGenerator writeName(String name) {
        if (swallow > 0) {
            return this;
        }
        if (depth == 1 && TRUSTED.contains(name)) {
            delegate.writeName(name);
            trustNext = true;
            return this;
        }
        delegate.writeName(LogRedaction.redact(name));
        maskNext = LogRedaction.isSensitiveKey(name);
        return this;
    }

    @Override
    public JsonGenerator writeName(SerializableString name) {
        return writeName(name.getValue());
    }

    @Override
    public JsonGenerator writePropertyId(long id) {
        return writeName(Long.toString(id));
    }

    // --- structure

    @Override
    public JsonGenerator writeStartObject() {
        if (startMasked()) {
            return this;
        }
        depth++;
        delegate.writeStartObject();
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue) {
        if (startMasked()) {
            return this;
        }
        depth++;
        delegate.writeStartObject(forValue);
        return this;
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue, int size) {
        if (startMasked()) {
            return this;
        }
        depth++;
        delegate.writeStartObject(forValue, size);
        return this;
    }

    @Override
    public JsonGenerator writeStartArray() {
        if (startMasked()) {
            return this;
        }
        depth++;
        delegate.writeStartArray();
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue) {
        if (startMasked()) {
            return this;
        }
        depth++;
        delegate.writeStartArray(forValue);
        return this;
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue, int size) {
        if (startMasked()) {
            return this;
        }
        depth++;
        delegate.writeStartArray(forValue, size);
        return this;
    }

    @Override
    public JsonGenerator writeEndObject() {
        if (swallow > 0) {
            swallow--;
            return this;
        }
        depth--;
        delegate.writeEndObject();
        return this;
    }

    @Override
    public JsonGenerator writeEndArray() {
        if (swallow > 0) {
            swallow--;
            return this;
        }
        depth--;
        delegate.writeEndArray();
        return this;
    }

    /** @return true when the structure starting now is dropped: under a sensitive key, or inside such a structure */
    private boolean startMasked() {
        if (swallow > 0) {
            swallow++;
            return true;
        }
        trustNext = false;
        if (maskNext) {
            maskNext = false;
            delegate.writeString(MASK);
            swallow = 1;
            return true;
        }
        return false;
    }

    @Override
    public JsonGenerator writeArray(int[] array, int offset, int length) {
        writeStartArray();
        for (int i = offset; i < offset + length; i++) {
            writeNumber(array[i]);
        }
        return writeEndArray();
    }

    @Override
    public JsonGenerator writeArray(long[] array, int offset, int length) {
        writeStartArray();
        for (int i = offset; i < offset + length; i++) {
            writeNumber(array[i]);
        }
        return writeEndArray();
    }

    @Override
    public JsonGenerator writeArray(double[] array, int offset, int length) {
        writeStartArray();
        for (int i = offset; i < offset + length; i++) {
            writeNumber(array[i]);
        }
        return writeEndArray();
    }

    @Override
    public JsonGenerator writeArray(String[] array, int offset, int length) {
        writeStartArray();
        for (int i = offset; i < offset + length; i++) {
            writeString(array[i]);
        }
        return writeEndArray();
    }

    // --- text

    @Override
    public JsonGenerator writeString(String text) {
        if (swallow > 0) {
            return this;
        }
        if (maskNext) {
            maskNext = false;
            delegate.writeString(MASK);
        } else if (trustNext || text == null) {
            trustNext = false;
            delegate.writeString(text);
        } else {
            delegate.writeString(LogRedaction.redact(text));
        }
        return this;
    }

    @Override
    public JsonGenerator writeString(char[] text, int offset, int len) {
        return writeString(new String(text, offset, len));
    }

    @Override
    public JsonGenerator writeString(SerializableString text) {
        return writeString(text.getValue());
    }

    @Override
    public JsonGenerator writeString(Reader reader, int len) {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[1024];
        try {
            int n;
            while ((len < 0 || b.length() < len) && (n = reader.read(buf)) > 0) {
                b.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeString(len >= 0 && b.length() > len ? b.substring(0, len) : b.toString());
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] text, int offset, int length) {
        return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) {
        return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeRaw(String text) {
        if (swallow == 0) {
            delegate.writeRaw(LogRedaction.redact(text));
        }
        return this;
    }

    @Override
    public JsonGenerator writeRaw(String text, int offset, int len) {
        return writeRaw(text.substring(offset, offset + len));
    }

    @Override
    public JsonGenerator writeRaw(char[] text, int offset, int len) {
        return writeRaw(new String(text, offset, len));
    }

    @Override
    public JsonGenerator writeRaw(SerializableString raw) {
        return writeRaw(raw.getValue());
    }

    @Override
    public JsonGenerator writeRaw(char c) {
        return writeRaw(String.valueOf(c));
    }

    @Override
    public JsonGenerator writeRawValue(String text) {
        if (swallow > 0) {
            return this;
        }
        if (maskNext) {
            maskNext = false;
            delegate.writeString(MASK);
        } else {
            trustNext = false;
            delegate.writeRawValue(LogRedaction.redact(text));
        }
        return this;
    }

    @Override
    public JsonGenerator writeRawValue(String text, int offset, int len) {
        return writeRawValue(text.substring(offset, offset + len));
    }

    @Override
    public JsonGenerator writeRawValue(char[] text, int offset, int len) {
        return writeRawValue(new String(text, offset, len));
    }

    // --- scalars

    /** @return true when the scalar about to be written must be left out (swallowed) or was replaced by the mask */
    private boolean scalarMasked() {
        trustNext = false;
        if (swallow > 0) {
            return true;
        }
        if (maskNext) {
            maskNext = false;
            delegate.writeString(MASK);
            return true;
        }
        return false;
    }

    /** Writes the mask instead of a number whose digits the policy finds sensitive (a card number). */
    private boolean numberMasked(String digits) {
        if (LogRedaction.redact(digits) != digits) {
            delegate.writeString(MASK);
            return true;
        }
        return false;
    }

    @Override
    public JsonGenerator writeNumber(short v) {
        if (!scalarMasked()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(int v) {
        if (!scalarMasked()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(long v) {
        if (!scalarMasked() && (v > -SMALL && v < SMALL || !numberMasked(Long.toString(v)))) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigInteger v) {
        if (!scalarMasked() && !numberMasked(v.toString())) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(double v) {
        if (!scalarMasked()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(float v) {
        if (!scalarMasked()) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal v) {
        if (!scalarMasked() && !numberMasked(v.toPlainString())) {
            delegate.writeNumber(v);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(String encodedValue) {
        if (!scalarMasked() && !numberMasked(encodedValue)) {
            delegate.writeNumber(encodedValue);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(char[] encodedValue, int offset, int len) {
        return writeNumber(new String(encodedValue, offset, len));
    }

    @Override
    public JsonGenerator writeBoolean(boolean state) {
        if (!scalarMasked()) {
            delegate.writeBoolean(state);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNull() {
        if (!scalarMasked()) {
            delegate.writeNull();
        }
        return this;
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int len) {
        if (!scalarMasked()) {
            delegate.writeBinary(variant, data, offset, len);
        }
        return this;
    }

    @Override
    public int writeBinary(Base64Variant variant, java.io.InputStream data, int dataLength) {
        if (!scalarMasked()) {
            return delegate.writeBinary(variant, data, dataLength);
        }
        return 0;
    }

    @Override
    public JsonGenerator writeEmbeddedObject(Object object) {
        if (!scalarMasked()) {
            delegate.writeEmbeddedObject(object);
        }
        return this;
    }

    @Override
    public JsonGenerator writePOJO(Object pojo) {
        if (swallow > 0) {
            return this;
        }
        if (maskNext) {
            maskNext = false;
            delegate.writeString(MASK);
            return this;
        }
        return super.writePOJO(pojo);
    }

    /** Clears the state between events, so a failed event cannot leave the next one masked. */
    void reset() {
        depth = 0;
        swallow = 0;
        maskNext = false;
        trustNext = false;
    }
}
