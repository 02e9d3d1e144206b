package dev.vigil.internal;

import java.time.Instant;
import java.util.Arrays;

/**
 * What an observation built by code (rather than by annotations) records for its handlers: the tags given before
 * start, then every attribute and every tag set later, in order, and timestamped events. A superclass rather than
 * a separate object, so that recording them costs only the arrays that hold them.
 */
abstract class RecordedObservation extends ActiveObservation {
    /** Bounds what one observation can hold, whatever a loop in the host does. */
    static final int MAX_ENTRIES = 128;

    /** Alternating keys and values: attributes, and tags set after start. */
    private Object[] entries;
    private int entryCount;
    /** How many tags (metric tags) handlers see first; fixed at start. */
    private int startTags;
    private int startAttributes;
    private String[] eventNames;
    private long[] eventTimes;
    private int eventCount;
    private java.util.List<dev.vigil.trace.SpanContext> links = java.util.List.of();

    /** Adds a link before start; bounded, like the entries. */
    final void addLink(dev.vigil.trace.SpanContext linked) {
        if (linked != null && linked.isValid() && links.size() < 8) {
            java.util.List<dev.vigil.trace.SpanContext> more = new java.util.ArrayList<>(links);
            more.add(linked);
            links = java.util.List.copyOf(more);
        }
    }

    @Override
    public final java.util.List<dev.vigil.trace.SpanContext> links() {
        return links;
    }

    /** Fixes what handlers see as present at start: the tags so far, then the attributes so far. */
    final void freezeStart() {
        startTags = count();
        startAttributes = startTags + entryCount;
    }

    /**
     * Takes attributes that a caller built once and reuses for every observation of its kind, alternating keys and
     * values, with no copy. Only as the first entries; the array must be exactly full and never written again by
     * anyone: {@link #addEntry} copies a full array before writing, so this observation never writes into it either.
     */
    final void shareEntries(Object[] keysAndValues) {
        int n = keysAndValues.length / 2;
        if (entryCount == 0 && n > 0 && n <= MAX_ENTRIES && keysAndValues.length == 2 * n) {
            entries = keysAndValues;
            entryCount = n;
        } else {
            for (int i = 0; i < n; i++) {
                addEntry((String) keysAndValues[2 * i], keysAndValues[2 * i + 1]);
            }
        }
    }

    /** @return false when the observation is full and the entry was dropped (with a warning) */
    final boolean addEntry(String key, Object value) {
        if (entryCount >= MAX_ENTRIES) {
            ApiWarnings.warn("invalid-observation", "observation '" + name() + "' holds at most " + MAX_ENTRIES
                    + " attributes; '" + key + "' is ignored");
            return false;
        }
        if (entries == null) {
            entries = new Object[8];
        } else if (2 * entryCount + 2 > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[2 * entryCount] = key;
        entries[2 * entryCount + 1] = value;
        entryCount++;
        return true;
    }

    final void addEvent(String eventName) {
        if (eventCount >= MAX_ENTRIES) {
            ApiWarnings.warn("invalid-observation", "observation '" + name() + "' holds at most " + MAX_ENTRIES + " events");
            return;
        }
        Instant now = Instant.now();
        if (eventNames == null) {
            eventNames = new String[4];
            eventTimes = new long[4];
        } else if (eventCount == eventNames.length) {
            eventNames = Arrays.copyOf(eventNames, eventCount * 2);
            eventTimes = Arrays.copyOf(eventTimes, eventCount * 2);
        }
        eventNames[eventCount] = eventName;
        eventTimes[eventCount] = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        eventCount++;
    }

    @Override
    public final int attributeCount() {
        return startTags + entryCount;
    }

    @Override
    public final int startAttributeCount() {
        return startAttributes;
    }

    @Override
    public final String attributeKey(int i) {
        return i < startTags ? key(i) : (String) entries[2 * (i - startTags)];
    }

    @Override
    public final Object attributeValue(int i) {
        return i < startTags ? value(i) : entries[2 * (i - startTags) + 1];
    }

    @Override
    public final int eventCount() {
        return eventCount;
    }

    @Override
    public final String eventName(int i) {
        if (i >= eventCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return eventNames[i];
    }

    @Override
    public final long eventEpochNanos(int i) {
        if (i >= eventCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return eventTimes[i];
    }
}
