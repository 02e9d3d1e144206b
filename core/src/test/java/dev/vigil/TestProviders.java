package dev.vigil;

import dev.vigil.spi.BackendProvider;
import dev.vigil.spi.VigilBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Backend providers discovered by every core test, in this order, and inert unless a test sets their key: one that
 * creates a backend which records its close, and one that fails.
 */
final class TestProviders {
    static final String CREATE = "test.provider.create";
    static final String FAIL = "test.provider.fail";
    /** Every backend {@link Creating} made, in order. */
    static final List<Tracked> CREATED = new CopyOnWriteArrayList<>();

    private TestProviders() {
    }

    /** A backend that remembers whether it was closed. */
    static final class Tracked implements VigilBackend {
        volatile boolean closed;

        @Override
        public String name() {
            return "tracked";
        }

        @Override
        public void close(Duration timeout) {
            closed = true;
        }
    }

    /** Creates a {@link Tracked} when {@value #CREATE} is true. */
    public static final class Creating implements BackendProvider {
        /** For ServiceLoader. */
        public Creating() {
        }

        @Override
        public VigilBackend create(VigilConfig config) {
            if (!config.getBoolean(CREATE, false)) {
                return null;
            }
            Tracked t = new Tracked();
            CREATED.add(t);
            return t;
        }
    }

    /** Throws when {@value #FAIL} is true, as a provider whose settings are wrong. */
    public static final class Failing implements BackendProvider {
        /** For ServiceLoader. */
        public Failing() {
        }

        @Override
        public VigilBackend create(VigilConfig config) {
            if (config.getBoolean(FAIL, false)) {
                throw new IllegalArgumentException("the failing provider's setting is wrong");
            }
            return null;
        }
    }
}
