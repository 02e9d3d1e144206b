package dev.vigil.logging;

import dev.vigil.AuditOutcome;
import dev.vigil.Vigil;
import org.slf4j.LoggerFactory;

/** What a service does with vigil-logging-json on its class path and nothing else; run in a JVM of its own by a test. */
public final class ZeroConfigMain {
    private ZeroConfigMain() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        LoggerFactory.getLogger("shop.Main").info("hello from main");
        LoggerFactory.getLogger("shop.Main").debug("below the default level");
        Vigil.noop().audit("admin.config.change").actor("root").outcome(AuditOutcome.SUCCESS).log();
        // no explicit flush: Vigil's shutdown hook writes what is queued before the JVM exits
    }
}
