package dev.vigil.internal;

/**
 * The set-once global. Holds the installed instance for {@code Vigil.global()} and its {@link Recorder}
 * for instrumented code, and remembers where the first install happened so that a second one can say so.
 *
 * <p>Internal: not part of Vigil's API.
 */
public final class GlobalVigil {
    private static final Object LOCK = new Object();
    private static volatile Object instance;
    private static volatile Recorder recorder = Recorder.NOOP;
    private static Throwable installedAt;

    private GlobalVigil() {
    }

    /** @return the installed instance, or null before install */
    public static Object instance() {
        return instance;
    }

    /** @return what instrumented code records into; {@link Recorder#NOOP} before install */
    public static Recorder recorder() {
        return recorder;
    }

    /**
     * Installs once.
     *
     * @param vigil the instance
     * @param r its recorder
     * @throws IllegalStateException when an instance is already installed; the cause shows where
     */
    public static void install(Object vigil, Recorder r) {
        synchronized (LOCK) {
            if (instance != null) {
                throw new IllegalStateException("Vigil is already installed (service '" + instance
                        + "'); install() may run once per JVM. The first install() happened at the stack trace in the cause."
                        + " Use Vigil.global() to reach it, or Vigil.resetGlobalForTest() in tests.", installedAt);
            }
            installedAt = new Throwable("first Vigil.install() was called here, on thread " + Thread.currentThread().getName());
            recorder = r;
            instance = vigil;
        }
    }

    /**
     * Checks, before any side effect, that an install could succeed.
     *
     * @throws IllegalStateException as {@link #install}
     */
    public static void checkNotInstalled() {
        synchronized (LOCK) {
            if (instance != null) {
                throw new IllegalStateException("Vigil is already installed (service '" + instance
                        + "'); install() may run once per JVM. The first install() happened at the stack trace in the cause.",
                        installedAt);
            }
        }
    }

    /**
     * Makes instrumented code record nothing once the installed instance is closed, so that no observation reaches
     * a closed backend; the instance stays installed.
     *
     * @param r the recorder of the instance being closed; nothing changes when another one is installed
     */
    public static void uninstallRecorder(Recorder r) {
        synchronized (LOCK) {
            if (recorder == r) {
                recorder = Recorder.NOOP;
            }
        }
    }

    /**
     * Forgets the installed instance without closing it; for tests.
     *
     * @return the instance that was installed, or null
     */
    public static Object reset() {
        synchronized (LOCK) {
            Object old = instance;
            instance = null;
            recorder = Recorder.NOOP;
            installedAt = null;
            return old;
        }
    }
}
