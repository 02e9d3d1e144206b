package dev.vigil.internal;

import dev.vigil.Redaction;

/**
 * Validation of meter names and tags, applied once per distinct key. Names are dotted OpenTelemetry style;
 * every backend can render them (Prometheus turns dots into underscores).
 */
final class MeterNames {
    static final int MAX_NAME_LENGTH = 255;
    /** Longer tag values are a sign of an id or a payload leaking into a label. */
    static final int MAX_VALUE_LENGTH = 256;

    private MeterNames() {
    }

    /** @return null when valid, else what is wrong */
    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            return "a meter name must not be " + (name == null ? "null" : "empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "meter name '" + name.substring(0, 40) + "...' is longer than " + MAX_NAME_LENGTH;
        }
        if (!isIdentifier(name)) {
            return "meter name '" + name + "' must start with a letter and hold only letters, digits, '.', '_' or '-'";
        }
        return null;
    }

    /** @return null when valid, else what is wrong */
    static String checkTags(String[] kv) {
        for (int i = 0; i + 1 < kv.length; i += 2) {
            String k = kv[i];
            String v = kv[i + 1];
            if (k == null || v == null) {
                return "tag " + k + "=" + v + " has a null key or value";
            }
            if (!isIdentifier(k) || k.length() > MAX_NAME_LENGTH) {
                return "tag key '" + k + "' must start with a letter and hold only letters, digits, '.', '_' or '-'";
            }
            if (v.length() > MAX_VALUE_LENGTH) {
                return "value of tag '" + k + "' is longer than " + MAX_VALUE_LENGTH + " characters";
            }
            for (int j = 0; j < i; j += 2) {
                if (kv[j].equals(k)) {
                    return "tag key '" + k + "' is given twice";
                }
            }
        }
        return null;
    }

    /**
     * Drops the tags whose key the policy calls sensitive, with a warning: a tag is never a place for a secret,
     * and its value would be in every scrape. The recording itself goes on with the other tags.
     *
     * @return {@code kv} itself when no key is sensitive, else a shorter copy
     */
    static String[] withoutSensitiveKeys(Redaction redaction, String name, String[] kv) {
        int sensitive = 0;
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (redaction.isSensitiveKey(kv[i])) {
                sensitive++;
            }
        }
        if (sensitive == 0) {
            return kv;
        }
        String[] kept = new String[kv.length - 2 * sensitive];
        int j = 0;
        StringBuilder dropped = new StringBuilder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (redaction.isSensitiveKey(kv[i])) {
                dropped.append(dropped.length() == 0 ? "'" : ", '").append(kv[i]).append('\'');
            } else {
                kept[j++] = kv[i];
                kept[j++] = kv[i + 1];
            }
        }
        ApiWarnings.warn("sensitive-tag", "meter '" + name + "' was given the sensitive tag key " + dropped
                + "; the tag is dropped (its value is never recorded) and the rest is recorded");
        return kept;
    }

    /** @return null when the explicit buckets are usable (finite, positive), else what is wrong */
    static String checkBuckets(String name, double[] buckets) {
        if (buckets == null) {
            return null;
        }
        if (buckets.length == 0) {
            return "meter '" + name + "' was given an empty bucket list";
        }
        for (double b : buckets) {
            if (!(b > 0) || Double.isInfinite(b)) {
                return "meter '" + name + "' has the bucket boundary " + b + "; boundaries must be finite and positive";
            }
        }
        return null;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
