package dev.vigil;

import dev.vigil.internal.BuiltInChecks;

/** Reads the parts of a {@code /health} body that tests compare, and leaves a Vigil with only the checks a test adds. */
final class HealthBodies {
    private HealthBodies() {
    }

    /** Removes the built-in checks, so that a test sees only its own. */
    static Vigil ownChecksOnly(Vigil vigil) {
        for (String name : new String[] {BuiltInChecks.HTTP_SUCCESS, BuiltInChecks.HTTP_LATENCY, BuiltInChecks.QUEUES,
                BuiltInChecks.DISK, BuiltInChecks.HEAP}) {
            vigil.health().unregister(name);
        }
        return vigil;
    }

    /** @return the {@code components} object of a {@code /health} body, as text */
    static String components(String body) {
        int start = body.indexOf("\"components\":");
        int end = body.lastIndexOf(",\"metrics\":");
        if (start < 0 || end < start) {
            throw new AssertionError("not a /health body: " + body);
        }
        return body.substring(start + "\"components\":".length(), end);
    }
}
