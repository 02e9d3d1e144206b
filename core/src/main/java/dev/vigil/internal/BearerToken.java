package dev.vigil.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The management token: checks an {@code Authorization: Bearer <token>} header in constant time. Only the
 * token's SHA-256 is kept, and the presented credentials are hashed before comparing, so neither the
 * comparison's time nor its early exit can tell a client how much of a guess was right, or how long the
 * token is.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class BearerToken {
    private final byte[] expectedHash;

    private BearerToken(byte[] expectedHash) {
        this.expectedHash = expectedHash;
    }

    /**
     * @param token the configured token, or null for none
     * @param key the configuration key it came from, named in the error
     * @return the token's checker, or null when no token is configured
     * @throws IllegalArgumentException when the token has characters a Bearer credential cannot carry; the
     *                                  message names the key and never shows the value
     */
    public static BearerToken of(String token, String key) {
        if (token == null) {
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("Vigil setting '" + key + "' must be printable ASCII without spaces"
                        + " (character " + (i + 1) + " is not; the value is not shown)");
            }
        }
        return new BearerToken(sha256(token));
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whether it carries this token with the Bearer scheme
     */
    boolean accepts(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expectedHash, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken{****}";
    }
}
