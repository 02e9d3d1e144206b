package dev.vigil.trace;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code tracestate}: an ordered list of up to {@value #MAX_MEMBERS} vendor {@code key=value} members.
 *
 * <p>Immutable: every mutator returns a new instance. Mutations follow the W3C rules ("Mutating the tracestate Field"):
 * a put moves its key to the front (left), and when a put of a new key would exceed {@value #MAX_MEMBERS} members the
 * right-most member is dropped. Keys and values are validated against the W3C grammar, so a {@code TraceState} can
 * always be propagated verbatim.
 *
 * <p>Keys follow {@code key = (lcalpha / DIGIT) 0*255(keychar)}, {@code keychar = lcalpha / DIGIT / "_" / "-" / "*" /
 * "/" / "@"}; this includes the multi-tenant {@code tenant@system} form. Values are 1 to 256 printable ASCII
 * characters other than {@code ,} and {@code =}, not ending in a space.
 */
public final class TraceState {

    /** Maximum number of list members the W3C spec allows. */
    public static final int MAX_MEMBERS = 32;

    static final int MAX_KEY_LENGTH = 256;
    static final int MAX_VALUE_LENGTH = 256;

    private static final TraceState EMPTY = new TraceState(new String[0], "");

    /** Alternating key, value, key, value...; never exposed, so the instance stays immutable. */
    private final String[] entries;

    /** The W3C header form; computed lazily, races are benign (immutable String). */
    private String w3c;

    TraceState(String[] entries, String w3c) {
        this.entries = entries;
        this.w3c = w3c;
    }

    /**
     * Returns the empty trace state.
     *
     * @return the shared empty instance
     */
    public static TraceState empty() {
        return EMPTY;
    }

    /**
     * Parses one {@code tracestate} header value.
     *
     * @param headerValue the header value; {@code null} is treated as absent
     * @return the parsed state, or {@link #empty()} if the value is invalid (the W3C rules discard it whole)
     * @see #parse(List)
     */
    public static TraceState parse(String headerValue) {
        return headerValue == null ? EMPTY : TraceStateParser.parse(Collections.singletonList(headerValue));
    }

    /**
     * Parses a {@code tracestate} that arrived as several header fields, combining them in order as RFC 9110 requires.
     *
     * <p>Empty and whitespace-only members are ignored; a repeated key keeps its first (left-most) member, which the
     * spec allows ("vendors MAY also discard duplicate keys"). The whole state is discarded, never partially kept, if
     * any member is malformed, if there are more than {@value #MAX_MEMBERS} members, or if the combined value is
     * implausibly large (over 32 KiB, about twice the largest valid state), which also bounds the work done on hostile
     * input.
     *
     * @param headerValues the header values in arrival order; {@code null} elements are skipped
     * @return the parsed state, or {@link #empty()} if absent or invalid
     */
    public static TraceState parse(List<String> headerValues) {
        return headerValues == null || headerValues.isEmpty() ? EMPTY : TraceStateParser.parse(headerValues);
    }

    /**
     * Tells whether {@code key} is a valid W3C tracestate key.
     *
     * @param key the candidate key
     * @return {@code true} if {@link #put} would accept it
     */
    public static boolean isValidKey(String key) {
        return key != null && TraceStateParser.isValidKey(key, 0, key.length());
    }

    /**
     * Tells whether {@code value} is a valid W3C tracestate value.
     *
     * @param value the candidate value
     * @return {@code true} if {@link #put} would accept it
     */
    public static boolean isValidValue(String value) {
        return value != null && TraceStateParser.isValidValue(value, 0, value.length());
    }

    /**
     * Returns the value of {@code key}.
     *
     * @param key the key
     * @return the value, or {@code null} if absent
     */
    public String get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : entries[i + 1];
    }

    /**
     * Returns a state with {@code key=value} as its first (left-most) member, as the W3C rules require for an added or
     * updated key. If the key is new and the state is full, the right-most member is dropped.
     *
     * <p>An invalid key or value leaves the state unchanged rather than throwing: a trace state must stay propagatable,
     * and instrumentation must not break the application. Check with {@link #isValidKey}/{@link #isValidValue} first.
     *
     * @param key a valid key
     * @param value a valid value
     * @return the new state, or this one if the key or value is invalid
     */
    public TraceState put(String key, String value) {
        if (!isValidKey(key) || !isValidValue(value)) {
            return this;
        }
        int existing = indexOf(key);
        int kept = existing >= 0 ? entries.length - 2 : Math.min(entries.length, 2 * (MAX_MEMBERS - 1));
        String[] next = new String[kept + 2];
        next[0] = key;
        next[1] = value;
        for (int from = 0, to = 2; to < next.length; from += 2) {
            if (from != existing) {
                next[to] = entries[from];
                next[to + 1] = entries[from + 1];
                to += 2;
            }
        }
        return new TraceState(next, null);
    }

    /**
     * Returns a state without {@code key}, other members keeping their order.
     *
     * @param key the key to remove
     * @return the new state, or this one if the key is absent
     */
    public TraceState remove(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return this;
        }
        if (entries.length == 2) {
            return EMPTY;
        }
        String[] next = new String[entries.length - 2];
        System.arraycopy(entries, 0, next, 0, i);
        System.arraycopy(entries, i + 2, next, i, entries.length - i - 2);
        return new TraceState(next, null);
    }

    /**
     * Returns the number of members.
     *
     * @return the member count, at most {@value #MAX_MEMBERS}
     */
    public int size() {
        return entries.length / 2;
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
     * Returns the members in order as an unmodifiable map.
     *
     * @return a new unmodifiable, insertion-ordered view-independent copy
     */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put(entries[i], entries[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Returns the W3C header form, {@code k1=v1,k2=v2}, with no optional whitespace.
     *
     * @return the header value; the empty string for an empty state
     */
    public String asW3CString() {
        String s = w3c;
        if (s == null) {
            StringBuilder sb = new StringBuilder(entries.length * 16);
            for (int i = 0; i < entries.length; i += 2) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(entries[i]).append('=').append(entries[i + 1]);
            }
            s = sb.toString();
            w3c = s;
        }
        return s;
    }

    private int indexOf(String key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Equal when the members and their order are equal. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof TraceState && Arrays.equals(entries, ((TraceState) o).entries));
    }

    /** Hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    /** The W3C header form, for debugging. */
    @Override
    public String toString() {
        return "TraceState{" + asW3CString() + '}';
    }
}
