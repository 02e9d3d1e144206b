package dev.vigil.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything a metrics backend needs to create one meter: an immutable value built by core after it has
 * validated the name, checked the type and bounded the cardinality. Backends never see invalid input.
 *
 * <p>Names are dotted OpenTelemetry style ({@code orders.placed}); tag keys and values are as given. Tags
 * are sorted by key so that two call sites naming the same tags in another order share a meter.
 */
public final class MeterSpec {
    private final MeterType type;
    private final String name;
    private final String unit;
    private final String description;
    private final List<String> tagKeys;
    private final List<String> tagValues;
    private final double[] buckets;

    private MeterSpec(MeterType type, String name, String unit, String description,
                      List<String> tagKeys, List<String> tagValues, double[] buckets) {
        this.type = type;
        this.name = name;
        this.unit = unit;
        this.description = description;
        this.tagKeys = tagKeys;
        this.tagValues = tagValues;
        this.buckets = buckets;
    }

    /**
     * Creates a spec; tags are given as alternating key, value and are sorted by key.
     *
     * @param type the meter type
     * @param name the dotted meter name, non-empty
     * @param unit the unit (UCUM-like, for example {@code s}, {@code By}, {@code usd}), or null
     * @param description the description, or null
     * @param keyValues alternating tag keys and values, all non-null
     * @param buckets histogram bucket upper bounds (seconds for timers), or null for the backend default
     * @return the spec
     */
    public static MeterSpec of(MeterType type, String name, String unit, String description,
                               String[] keyValues, double[] buckets) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        int n = keyValues == null ? 0 : keyValues.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keyValues[2 * a].compareTo(keyValues[2 * b]));
        List<String> keys = new ArrayList<>(n);
        List<String> values = new ArrayList<>(n);
        for (Integer i : order) {
            keys.add(keyValues[2 * i]);
            values.add(keyValues[2 * i + 1]);
        }
        return new MeterSpec(type, name, unit, description, Collections.unmodifiableList(keys),
                Collections.unmodifiableList(values), buckets == null ? null : buckets.clone());
    }

    /** @return the meter type */
    public MeterType type() {
        return type;
    }

    /** @return the dotted name, for example {@code shop.checkout} */
    public String name() {
        return name;
    }

    /** @return the unit, or null when none was given */
    public String unit() {
        return unit;
    }

    /** @return the description, or null */
    public String description() {
        return description;
    }

    /** @return the tag keys, sorted */
    public List<String> tagKeys() {
        return tagKeys;
    }

    /** @return the tag values, aligned with {@link #tagKeys()} */
    public List<String> tagValues() {
        return tagValues;
    }

    /** @return a copy of the explicit bucket boundaries, or null for the backend default */
    public double[] buckets() {
        return buckets == null ? null : buckets.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MeterSpec)) {
            return false;
        }
        MeterSpec s = (MeterSpec) o;
        return type == s.type && name.equals(s.name) && tagKeys.equals(s.tagKeys) && tagValues.equals(s.tagValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, tagKeys, tagValues);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type.name()).append(' ').append(name).append('{');
        for (int i = 0; i < tagKeys.size(); i++) {
            b.append(i == 0 ? "" : ",").append(tagKeys.get(i)).append('=').append(tagValues.get(i));
        }
        return b.append('}').toString();
    }
}
