package dev.vigil.benchmarks;

/** The method body every annotated-method benchmark measures around, so that all compare the same work. */
final class Workload {
    private Workload() {
    }

    /**
     * A few dependent multiply-adds: cheap, but the JIT cannot drop them.
     *
     * @param x input
     * @return a value depending on every step
     */
    static int body(int x) {
        int h = x;
        for (int i = 0; i < 8; i++) {
            h = h * 31 + i;
        }
        return h;
    }
}
