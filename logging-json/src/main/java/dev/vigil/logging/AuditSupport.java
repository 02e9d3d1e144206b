package dev.vigil.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** How audit events look in Logback: the {@code audit} logger, the {@code AUDIT} marker, the record as last argument. */
final class AuditSupport {
    static final String LOGGER = "audit";
    static final Marker MARKER = MarkerFactory.getMarker("AUDIT");

    private AuditSupport() {
    }

    private static boolean isAudit(Marker m) {
        // By name: a marker made by another MarkerFactory (a test's, a bridge's) is the same AUDIT marker.
        return m == MARKER || MARKER.getName().equals(m.getName());
    }

    static boolean isAudit(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        if (markers == null) {
            return false;
        }
        for (int i = 0; i < markers.size(); i++) {
            if (isAudit(markers.get(i))) {
                return true;
            }
        }
        return false;
    }
}
