package dev.vigil.logging;

/**
 * The one place where log output meets core's redaction policy. Logback writes lines before {@code install()}, so
 * the policy starts as core's default one and becomes the installed one when the logging backend starts.
 */
final class LogRedaction {
    private static volatile Policy policy = Policy.NONE;

    private LogRedaction() {
    }

    /** What the encoder needs from a redaction policy. */
    interface Policy {
        Policy NONE = new Policy() {
            @Override
            public String redact(String text) {
                return text;
            }

            @Override
            public boolean isSensitiveKey(String key) {
                return false;
            }
        };

        /** @return the text with its secrets masked; the same instance when nothing is sensitive */
        String redact(String text);

        /** @return true when the whole value of this key must be masked */
        boolean isSensitiveKey(String key);
    }

    static Policy current() {
        return policy;
    }

    static void install(Policy p) {
        policy = p == null ? Policy.NONE : p;
    }

    static String redact(String text) {
        return text == null ? null : policy.redact(text);
    }

    static boolean isSensitiveKey(String key) {
        return policy.isSensitiveKey(key);
    }
}
