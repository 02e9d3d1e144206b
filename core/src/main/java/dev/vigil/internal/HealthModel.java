package dev.vigil.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the built-in health checks, the {@code /health} summary and the status page read: the HTTP server requests of
 * the last 5 minutes, the task queues' depths, the start time, and the sections other parts of Vigil add to the page.
 * Fed from the recording path, so everything here is lock-free and never throws.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class HealthModel {
    /** The window the HTTP checks judge. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    static final int SLICES = 10;
    private static final int MAX_QUEUES = 256;
    private static final int MAX_SECTIONS = 16;

    private final String service;
    private final HealthSettings settings;
    private final RequestWindow requests;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final List<Queue> queues = new CopyOnWriteArrayList<>();
    private final AtomicInteger queueCount = new AtomicInteger();
    private final List<StatusSection> sections = new CopyOnWriteArrayList<>();

    /**
     * @param service the service's name, for the status page
     * @param settings the thresholds
     * @param nanoClock a monotonic clock, {@code System::nanoTime} outside tests
     */
    public HealthModel(String service, HealthSettings settings, LongSupplier nanoClock) {
        this.service = service;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.requests = new RequestWindow(WINDOW, SLICES, settings.maxRoutes, nanoClock);
    }

    /** @return the service's name */
    public String service() {
        return service;
    }

    /** @return the thresholds */
    public HealthSettings settings() {
        return settings;
    }

    /** @return the HTTP server requests of the window */
    public RequestWindow requests() {
        return requests;
    }

    /**
     * Counts one HTTP server request. A 5xx is a failure, and so is a request that ended without a response because
     * the handler threw; a 4xx is the client's mistake and counts as a success.
     *
     * @param route the route template, or null
     * @param status the response status, below 100 when none was sent
     * @param threw whether the handler threw
     * @param nanos how long it took
     */
    public void serverRequest(String route, int status, boolean threw, long nanos) {
        try {
            requests.record(route, status >= 500 || (status < 100 && threw), nanos);
        } catch (RuntimeException e) {
            ApiWarnings.warn("health", "Vigil could not count a request for health: " + e.getClass().getName());
        }
    }

    /**
     * Makes a task queue's depth count for the queue-depth check; past {@value #MAX_QUEUES} queues, further ones are
     * not watched.
     *
     * @param name the queue's name
     * @param depth its current depth
     */
    public void taskQueue(String name, IntSupplier depth) {
        if (queueCount.incrementAndGet() <= MAX_QUEUES) {
            queues.add(new Queue(name, depth));
        }
    }

    /** @return the watched task queues */
    List<Queue> queues() {
        return queues;
    }

    /** @return the depth of every watched queue together */
    public long queueDepth() {
        long n = 0;
        for (Queue q : queues) {
            n += Math.max(0, q.depth());
        }
        return n;
    }

    /**
     * Adds a section to the status page; at most {@value #MAX_SECTIONS}.
     *
     * @param section the section
     */
    public void section(StatusSection section) {
        if (sections.size() < MAX_SECTIONS) {
            sections.add(section);
        }
    }

    /** @return the sections other parts of Vigil added */
    public List<StatusSection> sections() {
        return sections;
    }

    /** @return seconds since this model, and so the Vigil, was built */
    public long uptimeSeconds() {
        return Math.max(0, (nanoClock.getAsLong() - startNanos) / 1_000_000_000L);
    }

    /** One watched task queue. */
    static final class Queue {
        final String name;
        private final IntSupplier depth;

        Queue(String name, IntSupplier depth) {
            this.name = name;
            this.depth = depth;
        }

        int depth() {
            try {
                return depth.getAsInt();
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }
}
