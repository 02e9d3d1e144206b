package dev.vigil;

import dev.vigil.spi.AuditRecord;
import dev.vigil.spi.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit sink core's tests register through ServiceLoader: it keeps every record, or fails on demand. */
public final class RecordingAuditSink implements AuditSink {
    /** Every record written, in order. */
    public static final List<AuditRecord> RECORDS = new CopyOnWriteArrayList<>();
    /** When true, {@link #write} throws, as a broken sink would. */
    public static volatile boolean failing;

    @Override
    public void write(AuditRecord record) {
        if (failing) {
            throw new NoClassDefFoundError("a broken sink");
        }
        RECORDS.add(record);
    }
}
