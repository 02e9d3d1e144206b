package dev.vigil.logging;

import dev.vigil.Redaction;

/**
 * The one place where log output meets core's {@link Redaction} policy. Logback writes lines before
 * {@code install()}, so the policy starts as {@link Redaction#defaults()} and becomes the installed one when the
 * logging backend starts ({@code BackendContext.redaction()}), until that Vigil closes.
 */
final class LogRedaction {
    private static volatile Redaction policy = Redaction.defaults();

    private LogRedaction() {
    }

    static Redaction current() {
        return policy;
    }

    static void install(Redaction p) {
        policy = p == null ? Redaction.defaults() : p;
    }

    /** @return the text with its secrets masked; the same instance when nothing is sensitive */
    static String redact(String text) {
        return text == null ? null : policy.redact(text);
    }

    /** @return true when the whole value of this key must be masked */
    static boolean isSensitiveKey(String key) {
        return policy.isSensitiveKey(key);
    }
}
