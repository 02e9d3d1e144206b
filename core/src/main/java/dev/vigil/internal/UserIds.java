package dev.vigil.internal;

import dev.vigil.VigilConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns user ids into the pseudonyms that logs, audit events and error reports carry: the first 8 bytes of
 * HMAC-SHA256(key, UTF-8 id) as 16 lowercase hex digits. The key is {@code vigil.privacy.user-id-key}, or 32 random
 * bytes drawn once per process when unset, so that pseudonyms agree across every signal of one process but cannot be
 * reversed by a dictionary of ids. {@code vigil.privacy.user-id=raw} keeps ids as they are.
 *
 * <p>Before install the keys are read once from system properties and environment variables; {@code install()}
 * replaces that with the installed configuration (the random key, when both leave the key unset, stays the same).
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class UserIds {
    /** Key of the pseudonymisation key; at least 16 characters. */
    public static final String KEY = "vigil.privacy.user-id-key";
    /** Key of the mode: {@code pseudonymize} (default) or {@code raw}. */
    public static final String MODE = "vigil.privacy.user-id";
    private static final int MIN_KEY_LENGTH = 16;
    private static final byte[] RANDOM_KEY = randomKey();
    private static volatile Pseudonymizer current;

    private UserIds() {
    }

    /**
     * The pseudonym of a user id under the current policy.
     *
     * @param id the raw id, non-null
     * @return its pseudonym, or the id itself in {@code raw} mode
     */
    public static String pseudonym(String id) {
        Pseudonymizer p = current;
        if (p == null) {
            p = fromEnvironment();
        }
        return p.apply(id);
    }

    /**
     * Checks the privacy keys of a configuration, at build time.
     *
     * @param config the configuration
     * @throws IllegalArgumentException naming the key, never echoing the key's value
     */
    public static void validate(VigilConfig config) {
        create(config);
    }

    /**
     * Makes the installed configuration's policy the JVM-wide one.
     *
     * @param config the installed configuration, already validated
     */
    public static void install(VigilConfig config) {
        current = create(config);
    }

    private static Pseudonymizer fromEnvironment() {
        Pseudonymizer p;
        try {
            p = create(VigilConfig.fromEnvironment());
        } catch (IllegalArgumentException e) {
            ApiWarnings.warn("invalid-privacy-config", e.getMessage() + "; user ids are pseudonymised with a random key until install()");
            p = new Pseudonymizer(RANDOM_KEY);
        }
        synchronized (UserIds.class) {
            if (current == null) {
                current = p;
            }
            return current;
        }
    }

    private static Pseudonymizer create(VigilConfig config) {
        String mode = config.get(MODE, "pseudonymize");
        if (mode.equalsIgnoreCase("raw")) {
            return Pseudonymizer.RAW;
        }
        if (!mode.equalsIgnoreCase("pseudonymize")) {
            throw new IllegalArgumentException("Vigil setting '" + MODE + "' must be pseudonymize or raw, not '" + mode + "'");
        }
        String key = config.get(KEY);
        if (key == null) {
            return new Pseudonymizer(RANDOM_KEY);
        }
        if (key.length() < MIN_KEY_LENGTH) {
            // The value is a secret: say how long it must be, never what it is.
            throw new IllegalArgumentException("Vigil setting '" + KEY + "' must have at least " + MIN_KEY_LENGTH
                    + " characters (it has " + key.length() + ")");
        }
        return new Pseudonymizer(key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** One policy; the {@link Mac} is per thread because a Mac is stateful and costly to create. */
    private static final class Pseudonymizer {
        static final Pseudonymizer RAW = new Pseudonymizer(null);
        private final SecretKeySpec key;
        private final ThreadLocal<Mac> macs;

        Pseudonymizer(byte[] keyBytes) {
            this.key = keyBytes == null ? null : new SecretKeySpec(keyBytes, "HmacSHA256");
            this.macs = keyBytes == null ? null : ThreadLocal.withInitial(this::newMac);
        }

        private Mac newMac() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                // Every Java SE runtime must provide HmacSHA256, so this is a broken JDK.
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }

        String apply(String id) {
            if (key == null) {
                return id;
            }
            byte[] digest = macs.get().doFinal(id.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                b.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return b.toString();
        }
    }
}
