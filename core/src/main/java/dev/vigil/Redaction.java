package dev.vigil;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What may leave the process: one immutable, thread-safe policy that core and every adapter apply where data leaves
 * (span attributes, exception events, {@code /health} details, configuration errors, log lines, error reports).
 * Every fluent call returns a new policy; the one given to {@link VigilBuilder#redaction(Redaction)} is installed
 * and read back with {@link Vigil#redaction()} or, in an adapter, {@code BackendContext.redaction()}.
 *
 * <pre>{@code
 * Vigil.builder()
 *      .redaction(Redaction.defaults()            // the defaults below
 *              .maskKeys("ssn", "iban")           // more sensitive keys
 *              .maskPattern("acct-[0-9]{6,}")     // more sensitive values (a regular expression)
 *              .allowEmails(false))               // the default
 *      .install();
 *
 * Redaction r = vigil.redaction();
 * r.redact("login failed for bob@example.com, password=hunter2");   // "login failed for ****, password=****"
 * r.redactValue("db.password", "hunter2");                           // "****"
 * r.isSensitiveKey("X-Api-Key");                                     // true
 * }</pre>
 *
 * <p><b>Sensitive keys</b> (defaults: {@code password}, {@code passwd}, {@code pwd}, {@code passphrase},
 * {@code secret}, {@code token}, {@code authorization}, {@code cookie}, {@code set-cookie}, {@code api_key},
 * {@code apikey}, {@code private_key}, {@code credentials}, {@code credential}): the whole value of a sensitive key is
 * masked. Case is ignored and {@code -}, {@code _}, {@code .} are alike; a key is sensitive when an entry spells one
 * or more of its consecutive words, words being split at separators and case changes. So {@code token} covers
 * {@code access_token}, {@code X-Auth-Token} and {@code csrfToken}, {@code password} covers {@code db.password} and
 * {@code DB_PASSWORD}, {@code api_key} covers {@code x-api-key} and {@code apiKey}; but {@code token} does not cover
 * {@code tokens} or {@code tokenizer}, nor {@code password} {@code passwordless}.
 *
 * <p><b>Sensitive values in free text</b> (defaults): JSON Web Tokens; the credential after {@code Bearer} or
 * {@code Basic}; AWS access key ids ({@code AKIA}, {@code ASIA}, {@code ABIA}, {@code ACCA} and 16 more); card
 * numbers that pass the Luhn check, together or grouped by spaces or dashes; the value of {@code key=value},
 * {@code key: value} and {@code "key": "value"} when the key is sensitive (an {@code Authorization}, {@code Cookie}
 * or {@code Set-Cookie} header value to the end of its line); e-mail addresses unless {@link #allowEmails(boolean)
 * allowed}; and every {@link #maskPattern(String) pattern} added. Each is replaced by {@link #MASK}.
 *
 * <p><b>Cost.</b> The built-in detectors are one hand-written pass over the text with no regular expression: text with
 * nothing to mask comes back as the same instance, allocating nothing (about a nanosecond per character). Each
 * pattern added with {@link #maskPattern(String)} runs a regular-expression search over the whole text, which costs
 * far more; prefer {@link #maskKeys(String...)} where a key names the secret.
 */
public final class Redaction {
    /** What replaces a secret: {@value}. */
    public static final String MASK = "****";

    private static final List<String> DEFAULT_KEYS = List.of("password", "passwd", "pwd", "passphrase", "secret",
            "token", "authorization", "cookie", "set-cookie", "api_key", "apikey", "private_key", "credentials",
            "credential");
    /**
     * Convention attribute keys that spell a sensitive word but name no secret: {@code gen_ai.token.type} holds
     * {@code input} or {@code output}, and the GenAI conventions require it on every token metric.
     */
    private static final java.util.Set<String> CONVENTION_KEYS = java.util.Set.of("gen_ai.token.type");
    private static final Redaction DEFAULTS = new Redaction(SensitiveKeys.NONE.plus(DEFAULT_KEYS.toArray(new String[0])),
            true, false, List.of());
    private static final Redaction NONE = new Redaction(SensitiveKeys.NONE, false, true, List.of());
    /** Bounds {@link #keyAnswers}: keys come from code and conventions and repeat, but are not trusted. */
    private static final int MAX_REMEMBERED_KEYS = 4096;
    private static final int MAX_REMEMBERED_KEY_LENGTH = 256;

    private final SensitiveKeys keys;
    private final boolean builtins;
    private final boolean emailsAllowed;
    private final List<Pattern> patterns;
    private final TextScanner scanner;
    /**
     * Answers of {@link #isSensitiveKey} already given: a span's attribute keys repeat on every span, and a lookup
     * here costs a fraction of matching the key's words again. Not part of the value: equality ignores it.
     */
    private final ConcurrentHashMap<String, Boolean> keyAnswers = new ConcurrentHashMap<>();

    private Redaction(SensitiveKeys keys, boolean builtins, boolean emailsAllowed, List<Pattern> patterns) {
        this.keys = keys;
        this.builtins = builtins;
        this.emailsAllowed = emailsAllowed;
        this.patterns = patterns;
        this.scanner = new TextScanner(keys, builtins, !emailsAllowed);
    }

    /**
     * The default policy: the sensitive keys and values listed in the class comment, e-mails masked.
     *
     * @return the shared default policy
     */
    public static Redaction defaults() {
        return DEFAULTS;
    }

    /**
     * A policy that masks nothing, for a service whose data holds no secrets or that redacts upstream. Keys,
     * patterns and {@code allowEmails(false)} may be added to it; the built-in value detectors stay off.
     *
     * <pre>{@code Redaction onlyIbans = Redaction.none().maskPattern("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");}</pre>
     *
     * @return the shared empty policy
     */
    public static Redaction none() {
        return NONE;
    }

    /**
     * Adds sensitive keys; see the class comment for how they match.
     *
     * <pre>{@code Redaction.defaults().maskKeys("ssn", "iban")}</pre>
     *
     * @param keys more keys, for example {@code ssn} or {@code x-session-id}
     * @return a new policy with these keys too
     * @throws IllegalArgumentException when a key is null or holds a character other than ASCII letters, digits,
     *                                  {@code -}, {@code _}, {@code .}
     */
    public Redaction maskKeys(String... keys) {
        Objects.requireNonNull(keys, "keys");
        return new Redaction(this.keys.plus(keys), builtins, emailsAllowed, patterns);
    }

    /**
     * Adds a sensitive value: every match of this regular expression is masked. Costs a regular-expression search
     * over each text (see the class comment).
     *
     * <pre>{@code Redaction.defaults().maskPattern("acct-[0-9]{6,}")}</pre>
     *
     * @param regex a {@link Pattern} expression that matches no empty text
     * @return a new policy with this pattern too
     * @throws IllegalArgumentException when the expression is invalid or matches the empty text
     */
    public Redaction maskPattern(String regex) {
        Objects.requireNonNull(regex, "regex");
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("redaction pattern /" + regex + "/ is not a valid regular expression: "
                    + e.getDescription(), e);
        }
        if (p.matcher("").matches()) {
            throw new IllegalArgumentException("redaction pattern /" + regex + "/ matches the empty text");
        }
        List<Pattern> more = new ArrayList<>(patterns);
        more.add(p);
        return new Redaction(keys, builtins, emailsAllowed, List.copyOf(more));
    }

    /**
     * @param allow true to let e-mail addresses through, false (the default) to mask them
     * @return a new policy
     */
    public Redaction allowEmails(boolean allow) {
        return allow == emailsAllowed ? this : new Redaction(keys, builtins, allow, patterns);
    }

    /** @return whether e-mail addresses are let through */
    public boolean emailsAllowed() {
        return emailsAllowed;
    }

    /** @return the sensitive keys, in lower case without separators ({@code api_key} is {@code apikey}) */
    public List<String> sensitiveKeys() {
        return keys.entries();
    }

    /** @return the expressions added with {@link #maskPattern(String)}, in order */
    public List<String> patterns() {
        List<String> out = new ArrayList<>(patterns.size());
        for (Pattern p : patterns) {
            out.add(p.pattern());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether a key names a secret. The answer for a key already asked about is remembered (up to 4096 keys), so
     * the repeated keys of spans and log lines cost a map lookup and allocate nothing.
     *
     * <pre>{@code
     * r.isSensitiveKey("DB_PASSWORD");   // true
     * r.isSensitiveKey("x-api-key");     // true
     * r.isSensitiveKey("http.route");    // false
     * }</pre>
     *
     * @param key a key, attribute name, header name or tag key; null is not sensitive, nor is the GenAI
     *     conventions' {@code gen_ai.token.type} (its values are {@code input} and {@code output})
     * @return true when its value must never leave the process
     */
    public boolean isSensitiveKey(String key) {
        if (key == null || CONVENTION_KEYS.contains(key)) {
            return false;
        }
        Boolean known = keyAnswers.get(key);
        if (known != null) {
            return known;
        }
        boolean sensitive = keys.match(key, 0, key.length()) >= 0;
        if (key.length() <= MAX_REMEMBERED_KEY_LENGTH && keyAnswers.size() < MAX_REMEMBERED_KEYS) {
            keyAnswers.put(key, sensitive);
        }
        return sensitive;
    }

    /**
     * Masks the secrets in free text (a message, a detail, an attribute value).
     *
     * <pre>{@code r.redact("Authorization: Bearer eyJhbGciOi...")   // "Authorization: ****"}</pre>
     *
     * @param text any text, or null
     * @return {@code text} itself when nothing is sensitive, else a copy with each secret replaced by {@link #MASK}
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = scanner.scan(text);
        // Indexed, not for-each: an iterator would be the only allocation of the no-match path.
        for (int i = 0; i < patterns.size(); i++) {
            out = replace(patterns.get(i), out);
        }
        return out;
    }

    /**
     * Masks a key's value: all of it when the key is sensitive, else the secrets inside it.
     *
     * <pre>{@code
     * r.redactValue("password", "hunter2");           // "****"
     * r.redactValue("note", "call bob@example.com");  // "call ****"
     * }</pre>
     *
     * @param key the key, or null
     * @param value the value, or null
     * @return the value to let out; null when {@code value} is null
     */
    public String redactValue(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSensitiveKey(key) ? MASK : redact(value);
    }

    /**
     * Masks every value of a map with {@link #redactValue(String, String)}: for tags, headers, a log's key-values.
     *
     * @param keyValues keys and values; null values stay null
     * @return a new unmodifiable map in the same order
     */
    public Map<String, String> redactValues(Map<String, String> keyValues) {
        Map<String, String> out = new LinkedHashMap<>(Math.max(4, keyValues.size() * 2));
        for (Map.Entry<String, String> e : keyValues.entrySet()) {
            out.put(e.getKey(), redactValue(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A failure's message with its secrets masked, as an exception event's {@code exception.message} wants it.
     * Never throws, even when the exception's own {@code getMessage()} does.
     *
     * @param error a failure, or null
     * @return the redacted message, or null when there is none
     */
    public String redactMessage(Throwable error) {
        if (error == null) {
            return null;
        }
        try {
            return redact(error.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * A failure's stack trace as {@link Throwable#printStackTrace()} writes it (causes and suppressed failures with
     * their messages), with its secrets masked: {@code exception.stacktrace} of an exception event. Never throws.
     *
     * @param error a failure, or null
     * @return the redacted stack trace, or null for null
     */
    public String redactStackTrace(Throwable error) {
        if (error == null) {
            return null;
        }
        try {
            StringWriter w = new StringWriter(1024);
            try (PrintWriter p = new PrintWriter(w)) {
                error.printStackTrace(p);
            }
            return redact(w.toString());
        } catch (RuntimeException | LinkageError e) {
            return error.getClass().getName();
        }
    }

    private static String replace(Pattern p, String text) {
        Matcher m = p.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (m.end() > m.start()) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16);
                }
                out.append(text, copied, m.start()).append(MASK);
                copied = m.end();
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Redaction)) {
            return false;
        }
        Redaction r = (Redaction) o;
        return builtins == r.builtins && emailsAllowed == r.emailsAllowed && keys.entries().equals(r.keys.entries())
                && patterns().equals(r.patterns());
    }

    @Override
    public int hashCode() {
        return Objects.hash(builtins, emailsAllowed, keys.entries(), patterns());
    }

    @Override
    public String toString() {
        return "Redaction{keys=" + keys.entries() + ", builtInValues=" + builtins + ", emailsAllowed=" + emailsAllowed
                + ", patterns=" + patterns() + '}';
    }
}
