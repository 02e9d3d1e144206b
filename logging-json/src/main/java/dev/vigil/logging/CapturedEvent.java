package dev.vigil.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import dev.vigil.context.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event together with core's {@link Context} as it was on the thread that logged it, so that the trace
 * ids and context entries are right when the line is encoded later on another thread. Also carries the shortening
 * budgets the encoder sets when a line would exceed its byte cap.
 */
final class CapturedEvent implements ILoggingEvent {
    static final int UNLIMITED = Integer.MAX_VALUE;

    final ILoggingEvent event;
    final Context context;
    /** The most characters of stack trace and of message to write; set by the encoder (one thread at a time). */
    int stackBudget = UNLIMITED;
    int messageBudget = UNLIMITED;
    /** What the error and message providers found, in characters, for the encoder to size the next attempt. */
    int stackWritten;
    int messageWritten;
    /** The redacted stack trace of the current encoding, so that shortening does not convert it again. */
    String stackText;

    CapturedEvent(ILoggingEvent event, Context context) {
        this.event = event;
        this.context = context;
    }

    /** Starts an encoding with no budget. */
    void resetBudgets() {
        stackBudget = UNLIMITED;
        messageBudget = UNLIMITED;
        stackWritten = 0;
        messageWritten = 0;
        stackText = null;
    }

    /**
     * Core's context for an event: the captured one, the current one when encoding on the logging thread, and
     * otherwise (Logback's own async appender) the root context: no trace fields rather than a worker's.
     */
    static Context contextOf(ILoggingEvent event) {
        if (event instanceof CapturedEvent) {
            return ((CapturedEvent) event).context;
        }
        String name = Thread.currentThread().getName();
        return name.equals(event.getThreadName()) ? Context.current() : Context.root();
    }

    @Override
    public String getThreadName() {
        return event.getThreadName();
    }

    @Override
    public Level getLevel() {
        return event.getLevel();
    }

    @Override
    public String getMessage() {
        return event.getMessage();
    }

    @Override
    public Object[] getArgumentArray() {
        return event.getArgumentArray();
    }

    @Override
    public String getFormattedMessage() {
        return event.getFormattedMessage();
    }

    @Override
    public String getLoggerName() {
        return event.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return event.getLoggerContextVO();
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return event.getThrowableProxy();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return event.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return event.hasCallerData();
    }

    @Override
    public List<Marker> getMarkerList() {
        return event.getMarkerList();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return event.getMDCPropertyMap();
    }

    @Override
    @Deprecated
    public Map<String, String> getMdc() {
        return event.getMDCPropertyMap();
    }

    @Override
    public long getTimeStamp() {
        return event.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return event.getNanoseconds();
    }

    /** Milliseconds, as the line's timestamp is documented: the clock's extra digits say nothing about order here. */
    @Override
    public Instant getInstant() {
        return event.getInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return event.getKeyValuePairs();
    }

    @Override
    public void prepareForDeferredProcessing() {
        event.prepareForDeferredProcessing();
    }

    @Override
    public String toString() {
        return event.toString();
    }
}
