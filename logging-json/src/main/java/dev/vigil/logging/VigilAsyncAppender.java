package dev.vigil.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import dev.vigil.context.Context;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded queue in front of the console and file appenders, drained by one writer thread, that never lets a slow
 * sink hold up the application beyond a known bound:
 * <ul>
 *   <li>TRACE, DEBUG and INFO go in only while a fifth of the queue is free, else they are dropped at once;</li>
 *   <li>WARN and ERROR wait up to {@code blockTimeoutMillis} (default 100 ms) for room, then are dropped;</li>
 *   <li>audit events ({@code AUDIT} marker) wait up to {@code auditTimeoutMillis} (default 1 s), then are written
 *       synchronously on the calling thread: never dropped.</li>
 * </ul>
 * Every drop is counted by level ({@code vigil.logging.dropped{level}} once Vigil is installed, and in {@code /health}).
 * On the calling thread it captures core's context (trace ids, context entries) and Logback's deferred fields (MDC,
 * formatted message), so lines encoded on the writer thread are those of the caller.
 *
 * <pre>{@code
 * <appender name="ASYNC" class="dev.vigil.logging.VigilAsyncAppender">
 *   <queueSize>8192</queueSize>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 */
public final class VigilAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AppenderAttachable<ILoggingEvent> {
    private static final List<VigilAsyncAppender> RUNNING = new CopyOnWriteArrayList<>();

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final LongAdder syncAudits = new LongAdder();
    private int queueSize = 8_192;
    private long blockTimeoutMillis = 100;
    private long auditTimeoutMillis = 1_000;
    private long flushTimeoutMillis = 1_000;
    private boolean defaultSinks;
    private ArrayBlockingQueue<CapturedEvent> queue;
    private int reserve;
    private Thread writer;
    private volatile boolean stopping;
    private volatile long stopDeadline;

    /** Creates the appender; Logback calls this for {@code <appender class="dev.vigil.logging.VigilAsyncAppender">}. */
    public VigilAsyncAppender() {
    }

    /** @param queueSize how many lines may wait for the writer; at least 16, default 8192 */
    public void setQueueSize(int queueSize) {
        this.queueSize = Math.max(16, queueSize);
    }

    /** @param millis how long a WARN or ERROR line may wait for room before it is dropped; default 100 */
    public void setBlockTimeoutMillis(long millis) {
        this.blockTimeoutMillis = Math.max(0, millis);
    }

    /** @param millis how long an audit line may wait for room before it is written synchronously; default 1000 */
    public void setAuditTimeoutMillis(long millis) {
        this.auditTimeoutMillis = Math.max(0, millis);
    }

    /** @param millis how long {@code stop()} may spend writing what is queued; default 1000 */
    public void setFlushTimeoutMillis(long millis) {
        this.flushTimeoutMillis = Math.max(0, millis);
    }

    /**
     * @param defaultSinks true to attach Vigil's own console appender and, when {@code vigil.logging.files.dir} is
     *                     set, {@code app.log}, {@code error.log} and {@code audit.log}, configured from the
     *                     {@code vigil.logging.*} keys; what the shipped {@code vigil-logback-include.xml} does
     */
    public void setDefaultSinks(boolean defaultSinks) {
        this.defaultSinks = defaultSinks;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (defaultSinks && !appenders.iteratorForAppenders().hasNext()) {
            LogSettings settings;
            try {
                settings = LogSettings.fromEnvironment();
            } catch (IllegalArgumentException e) {
                addError(e.getMessage() + "; using the defaults");
                settings = LogSettings.defaults();
            }
            LogbackSetup.attachSinks((ch.qos.logback.classic.LoggerContext) getContext(), settings, this, null);
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addWarn("No appender attached to " + getName() + "; its lines go nowhere");
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        reserve = queueSize / 5;
        writer = new Thread(this::drain, "vigil-log-writer" + (getName() == null ? "" : "-" + getName()));
        writer.setDaemon(true);
        super.start();
        writer.start();
        RUNNING.add(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        Level level = event.getLevel();
        if (level.toInt() < Level.WARN_INT && queue.remainingCapacity() <= reserve && !AuditSupport.isAudit(event)) {
            LogDrops.dropped(level); // decided before any capture work: a full queue costs the caller next to nothing
            return;
        }
        event.prepareForDeferredProcessing();
        CapturedEvent c = new CapturedEvent(event, Context.current());
        try {
            if (AuditSupport.isAudit(event)) {
                if (!queue.offer(c, auditTimeoutMillis, TimeUnit.MILLISECONDS)) {
                    syncAudits.increment();
                    appenders.appendLoopOnAppenders(c); // an audit trail keeps every event: write it here and now
                }
            } else if (level.toInt() >= Level.WARN_INT) {
                if (!queue.offer(c, blockTimeoutMillis, TimeUnit.MILLISECONDS)) {
                    LogDrops.dropped(level);
                }
            } else if (queue.remainingCapacity() <= reserve || !queue.offer(c)) {
                LogDrops.dropped(level);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller asked to stop waiting: keep its interrupt, lose no audit line
            if (AuditSupport.isAudit(event)) {
                syncAudits.increment();
                appenders.appendLoopOnAppenders(c);
            } else {
                LogDrops.dropped(level);
            }
        }
    }

    private void drain() {
        // Stopped by a flag, not an interrupt: an interrupt could close an interruptible channel of a file appender.
        while (true) {
            CapturedEvent e;
            try {
                e = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                e = null;
            }
            if (e != null) {
                write(e);
            } else if (stopping) {
                return;
            }
            if (stopping && System.nanoTime() - stopDeadline > 0) {
                return; // the flush bound is over; what is left is lost, as documented
            }
        }
    }

    private void write(CapturedEvent e) {
        try {
            appenders.appendLoopOnAppenders(e);
        } catch (RuntimeException | LinkageError failure) {
            addError("Failed to write a log line", failure); // the writer must outlive one bad line
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        RUNNING.remove(this);
        stopDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushTimeoutMillis);
        stopping = true;
        try {
            writer.join(flushTimeoutMillis + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appenders.detachAndStopAllAppenders();
    }

    /** @return lines waiting for the writer now */
    public int queued() {
        ArrayBlockingQueue<CapturedEvent> q = queue;
        return q == null ? 0 : q.size();
    }

    /** @return the queue's capacity */
    public int capacity() {
        return queueSize;
    }

    /** @return audit lines written synchronously because the queue stayed full past their bound */
    public long auditsWrittenSynchronously() {
        return syncAudits.sum();
    }

    /** @return the appenders of the JVM that are running, for the health check */
    static List<VigilAsyncAppender> running() {
        return RUNNING;
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> newAppender) {
        appenders.addAppender(newAppender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
