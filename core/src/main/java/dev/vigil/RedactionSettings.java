package dev.vigil;

/** Reads the {@code vigil.redaction.*} keys into the policy a Vigil installs. */
final class RedactionSettings {
    private RedactionSettings() {
    }

    /**
     * The policy a Vigil installs: the builder's (else the defaults) plus the keys and patterns of the
     * configuration, which only ever mask more; {@code vigil.redaction.allow-emails} counts only without a builder's.
     */
    static Redaction resolve(Redaction explicit, VigilConfig config) {
        Redaction r = explicit != null ? explicit
                : Redaction.defaults().allowEmails(config.getBoolean(VigilConfig.REDACTION_ALLOW_EMAILS, false));
        String keyList = config.get(VigilConfig.REDACTION_KEYS);
        if (keyList != null) {
            for (String k : keyList.split(",")) {
                if (!k.isBlank()) {
                    try {
                        r = r.maskKeys(k.trim());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Vigil setting '" + VigilConfig.REDACTION_KEYS + "': "
                                + e.getMessage(), e);
                    }
                }
            }
        }
        String patternList = config.get(VigilConfig.REDACTION_PATTERNS);
        if (patternList != null) {
            for (String regex : patternList.trim().split("\\s+")) {
                try {
                    r = r.maskPattern(regex);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Vigil setting '" + VigilConfig.REDACTION_PATTERNS + "': "
                            + e.getMessage(), e);
                }
            }
        }
        return r;
    }
}
