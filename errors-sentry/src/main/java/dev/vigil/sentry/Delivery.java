package dev.vigil.sentry;

import io.sentry.hints.Enqueable;
import io.sentry.hints.SubmissionResult;

/**
 * Follows one event through Sentry's transport, as a hint the transport calls back: whether it was queued (Sentry's
 * queue is bounded and refuses silently when full) and whether it was sent. Turns what the SDK only logs into
 * {@code vigil.errors.dropped} counts.
 */
final class Delivery implements Enqueable, SubmissionResult {
    private final DropCounter drops;
    private volatile boolean enqueued;
    private volatile boolean success;

    Delivery(DropCounter drops) {
        this.drops = drops;
    }

    @Override
    public void markEnqueued() {
        enqueued = true;
    }

    boolean enqueued() {
        return enqueued;
    }

    @Override
    public void setResult(boolean success) {
        this.success = success;
        if (!success) {
            drops.dropped(DropCounter.SEND_FAILED);
        } else {
            drops.sent();
        }
    }

    @Override
    public boolean isSuccess() {
        return success;
    }
}
