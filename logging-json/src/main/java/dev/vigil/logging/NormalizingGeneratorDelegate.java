package dev.vigil.logging;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * A delegate in which every overload of a write comes down to one method per kind of value: a name, a text, raw
 * text and a raw value as a {@code String}, an encoded number as a {@code String}, an array element by element.
 * A subclass that overrides those few methods sees everything written, whichever overload the caller chose, and no
 * overload can pass it by. Nothing here looks at what is written.
 *
 * <p>Built without copying methods ({@code delegateCopyMethods} false), so values that Jackson serialises (a POJO)
 * come back through the subclass field by field.
 */
abstract class NormalizingGeneratorDelegate extends JsonGeneratorDelegate {
    NormalizingGeneratorDelegate(JsonGenerator delegate) {
        super(delegate, false);
    }

    // --- names

    @Override
    public JsonGenerator writeName(SerializableString name) {
        return writeName(name.getValue());
    }

    @Override
    public JsonGenerator writePropertyId(long id) {
        return writeName(Long.toString(id));
    }

    // --- arrays

    @Override
    public JsonGenerator writeArray(int[] array, int offset, int length) {
        return writeElements(offset, length, i -> writeNumber(array[i]));
    }

    @Override
    public JsonGenerator writeArray(long[] array, int offset, int length) {
        return writeElements(offset, length, i -> writeNumber(array[i]));
    }

    @Override
    public JsonGenerator writeArray(double[] array, int offset, int length) {
        return writeElements(offset, length, i -> writeNumber(array[i]));
    }

    @Override
    public JsonGenerator writeArray(String[] array, int offset, int length) {
        return writeElements(offset, length, i -> writeString(array[i]));
    }

    private JsonGenerator writeElements(int offset, int length, IntConsumer writeElement) {
        writeStartArray();
        for (int i = offset; i < offset + length; i++) {
            writeElement.accept(i);
        }
        return writeEndArray();
    }

    // --- text

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
    public JsonGenerator writeRawValue(String text, int offset, int len) {
        return writeRawValue(text.substring(offset, offset + len));
    }

    @Override
    public JsonGenerator writeRawValue(char[] text, int offset, int len) {
        return writeRawValue(new String(text, offset, len));
    }

    // --- numbers

    @Override
    public JsonGenerator writeNumber(char[] encodedValue, int offset, int len) {
        return writeNumber(new String(encodedValue, offset, len));
    }
}
