package dev.vigil.propagation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C Baggage: application-defined key/value pairs that travel with a request, each optionally carrying metadata
 * (the W3C "properties", e.g. {@code ;ttl=30;sensitive}).
 *
 * <p>Immutable: mutators return new instances. Values are held decoded (plain Java strings) and percent-encoded only
 * when written; metadata is held as its W3C text (optional whitespace removed) and forwarded unchanged otherwise,
 * because the spec gives properties no meaning, so forwarding them as received is the only lossless choice. Member
 * order is kept; a repeated key keeps its first position and its last value.
 *
 * <p>Limits: the spec requires at least {@value #MAX_MEMBERS} members and {@value #MAX_BYTES} bytes to be propagated,
 * and allows dropping whole members beyond that; these are the limits used here, both when reading and when writing.
 */
public final class Baggage {

    /** Maximum number of members kept. */
    public static final int MAX_MEMBERS = 64;

    /** Maximum size in bytes of the written {@code baggage} header value. */
    public static final int MAX_BYTES = 8192;

    private static final Baggage EMPTY = new Baggage(new String[0]);

    /** Triples: key, decoded value, metadata ("" if none); never exposed. */
    private final String[] entries;

    /** The W3C header form; computed lazily, races are benign (immutable String). */
    private String w3c;

    Baggage(String[] entries) {
        this.entries = entries;
    }

    /**
     * Returns the empty baggage.
     *
     * @return the shared empty instance
     */
    public static Baggage empty() {
        return EMPTY;
    }

    /**
     * Parses one {@code baggage} header value.
     *
     * @param headerValue the header value; {@code null} is treated as absent
     * @return the parsed baggage; see {@link #parse(List)}
     */
    public static Baggage parse(String headerValue) {
        return headerValue == null ? EMPTY : BaggageCodec.parse(Collections.singletonList(headerValue));
    }

    /**
     * Parses a {@code baggage} that arrived as several header fields, combining them in order.
     *
     * <p>Invalid members are dropped individually (the spec leaves the choice open, and keeping the valid ones loses
     * the least); a member is never kept partially. Values are percent-decoded, with malformed UTF-8 replaced by U+FFFD
     * as the spec requires; a malformed escape such as {@code %zz} makes its member invalid. Members beyond
     * {@value #MAX_MEMBERS} or {@value #MAX_BYTES} bytes are dropped, and at most twice that many characters are ever
     * examined, which bounds the work on hostile input.
     *
     * @param headerValues the header values in arrival order; {@code null} elements are skipped
     * @return the parsed baggage, possibly empty; never {@code null}
     */
    public static Baggage parse(List<String> headerValues) {
        return headerValues == null || headerValues.isEmpty() ? EMPTY : BaggageCodec.parse(headerValues);
    }

    /**
     * Tells whether {@code key} is a valid baggage key (an RFC 7230 token).
     *
     * @param key the candidate key
     * @return {@code true} if {@link #put} would accept it
     */
    public static boolean isValidKey(String key) {
        return key != null && BaggageCodec.isToken(key, 0, key.length());
    }

    /**
     * Returns the value of {@code key}.
     *
     * @param key the key
     * @return the decoded value, or {@code null} if absent
     */
    public String get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i + 1];
    }

    /**
     * Returns the metadata (W3C properties) of {@code key}.
     *
     * @param key the key
     * @return the properties as W3C text without the leading {@code ;} (e.g. {@code ttl=30;sensitive}), {@code ""} if
     *     the member has none, or {@code null} if the key is absent
     */
    public String getMetadata(String key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i + 2];
    }

    /**
     * Returns baggage with {@code key} set to {@code value} and no metadata.
     *
     * @param key a valid key
     * @param value any value; it is percent-encoded when written
     * @return the new baggage; see {@link #put(String, String, String)} for when it is unchanged
     */
    public Baggage put(String key, String value) {
        return put(key, value, "");
    }

    /**
     * Returns baggage with {@code key} set to {@code value} and {@code metadata}. An existing key keeps its position;
     * a new key is appended.
     *
     * <p>Returns this baggage unchanged, instead of throwing, if the key is invalid, the value is {@code null}, the
     * metadata is not valid W3C property text, or a new key would exceed {@value #MAX_MEMBERS} members: instrumentation
     * must not break the application, and a {@code Baggage} must always be writable as-is.
     *
     * @param key a valid key
     * @param value any value
     * @param metadata W3C property text without the leading {@code ;}, e.g. {@code ttl=30;sensitive}; {@code null} or
     *     {@code ""} for none. Optional whitespace in it is removed.
     * @return the new baggage, or this one
     */
    public Baggage put(String key, String value, String metadata) {
        String meta = metadata == null || metadata.isEmpty() ? "" : BaggageCodec.canonicalMetadata(metadata);
        if (!isValidKey(key) || value == null || meta == null) {
            return this;
        }
        int i = indexOf(key);
        String[] next;
        if (i >= 0) {
            next = entries.clone();
        } else if (size() >= MAX_MEMBERS) {
            return this;
        } else {
            i = entries.length;
            next = Arrays.copyOf(entries, entries.length + 3);
            next[i] = key;
        }
        next[i + 1] = value;
        next[i + 2] = meta;
        return new Baggage(next);
    }

    /**
     * Returns baggage without {@code key}.
     *
     * @param key the key
     * @return the new baggage, or this one if the key is absent
     */
    public Baggage remove(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return this;
        }
        String[] next = new String[entries.length - 3];
        System.arraycopy(entries, 0, next, 0, i);
        System.arraycopy(entries, i + 3, next, i, entries.length - i - 3);
        return next.length == 0 ? EMPTY : new Baggage(next);
    }

    /**
     * Returns the number of members.
     *
     * @return the member count, at most {@value #MAX_MEMBERS}
     */
    public int size() {
        return entries.length / 3;
    }

    /**
     * Tells whether there are no members.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return entries.length == 0;
    }

    /**
     * Returns keys and decoded values in order, without metadata.
     *
     * @return a new unmodifiable insertion-ordered map
     */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 3) {
            map.put(entries[i], entries[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Returns the W3C header form: {@code key=value;metadata} members joined by {@code ,}, values percent-encoded.
     * Whole members that would take the result past {@value #MAX_BYTES} bytes are left out (never cut), as the spec
     * allows.
     *
     * @return the header value; {@code ""} for empty baggage
     */
    public String asW3CString() {
        String s = w3c;
        if (s == null) {
            s = BaggageCodec.encode(entries);
            w3c = s;
        }
        return s;
    }

    private int indexOf(String key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < entries.length; i += 3) {
            if (entries[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Equal when members, values, metadata and order are equal. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Baggage && Arrays.equals(entries, ((Baggage) o).entries));
    }

    /** Hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    /** The W3C header form, for debugging. Beware: baggage may hold user data. */
    @Override
    public String toString() {
        return "Baggage{" + asW3CString() + '}';
    }
}
