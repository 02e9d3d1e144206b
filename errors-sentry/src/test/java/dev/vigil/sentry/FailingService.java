package dev.vigil.sentry;

import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import dev.vigil.context.Context;
import dev.vigil.trace.SpanContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Annotated methods, rewritten by vigil-maven-plugin's instrument-tests goal exactly as a user's would be. */
class FailingService {
    private static final Logger LOG = LoggerFactory.getLogger(FailingService.class);

    /** The span of the innermost failing method, as it was current inside it. */
    volatile SpanContext innermost = SpanContext.invalid();

    /**
     * Three nested annotated methods of each kind; the innermost throws, the exception is rethrown unchanged through
     * the others.
     */
    @Timed("shop.checkout")
    void checkout(String message) {
        charge(message);
    }

    @Counted("shop.charge")
    void charge(String message) {
        authorize(message);
    }

    @Traced
    void authorize(String message) {
        innermost = Context.current().span();
        throw new IllegalStateException(message);
    }

    /** A timed-only method, which has no span of its own: it fails in the span that is current. */
    @Timed("shop.refund")
    void refund(String message) {
        innermost = Context.current().span();
        throw new IllegalStateException(message);
    }

    /** The application's own handler: logs the failure at ERROR, as most services do. */
    void checkoutAndLog(String message) {
        try {
            checkout(message);
        } catch (IllegalStateException e) {
            LOG.error("checkout failed", e);
        }
    }

    /** Wraps the failure once, then logs the wrapper. */
    void checkoutWrapAndLog(String message) {
        try {
            checkout(message);
        } catch (IllegalStateException e) {
            LOG.error("checkout failed", new ServiceException(e));
        }
    }

    /** A failure of the application's own, with no annotated method in the way. */
    static void logFailure(String message) {
        LOG.error("export failed", new IllegalArgumentException(message));
    }

    static void logInfo(String message) {
        LOG.info(message);
    }

    /** The wrapper the application throws from its service layer. */
    static final class ServiceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceException(Throwable cause) {
            super("service failed", cause);
        }
    }
}
