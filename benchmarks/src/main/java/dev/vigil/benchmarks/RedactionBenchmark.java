package dev.vigil.benchmarks;

import dev.vigil.Redaction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What redaction costs a log line: a 200-character message with nothing sensitive (target ≤ 300 ns and 0 B/op:
 * the text comes back as the same instance), the same message with one JWT in it (reported), and, for comparison,
 * the no-match message under a policy with one user pattern, which must run a regular expression over the text.
 * The message is realistic on purpose: digits, {@code =}, {@code :} and the letters {@code e} and {@code b}
 * are the scanner's triggers, so it exercises the cheap rejections, not an empty loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RedactionBenchmark {
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    private final Redaction defaults = Redaction.defaults();
    private final Redaction withPattern = Redaction.defaults().maskPattern("acct-[0-9]{6,}");
    // Not final, so the JIT cannot fold the input into a constant.
    private String clean;
    private String withJwt;

    /** Builds the two messages; checks that the clean one is exactly 200 characters and really has nothing to mask. */
    @Setup(Level.Trial)
    public void setUp() {
        String base = "2024-11-22T10:15:30.123Z INFO [http-exec-3] shop.CheckoutService - order 48213 placed for "
                + "plan=pro by customer 90210 in 137 ms (items=3, total=59.90 EUR, trace=4bf92f3577b34da6a3ce929d0e0e4736)";
        StringBuilder b = new StringBuilder(base);
        while (b.length() < 200) {
            b.append(' ').append("ok");
        }
        clean = b.substring(0, 200);
        withJwt = clean.substring(0, 100) + " session " + JWT + " " + clean.substring(100);
        if (defaults.redact(clean) != clean || defaults.redact(withJwt).contains(JWT)) {
            throw new IllegalStateException("the benchmark inputs do not exercise the intended paths");
        }
    }

    /** @return the clean 200-character message, unchanged */
    @Benchmark
    public String noMatch200Chars() {
        return defaults.redact(clean);
    }

    /**
     * Baseline: reading each of the 200 characters once, the least any scan can cost; on a noisy machine read
     * the no-match row as a multiple of this one.
     *
     * @return a sum, so the loop is not removed
     */
    @Benchmark
    public int baselineReadEveryChar() {
        String s = clean;
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            sum += s.charAt(i);
        }
        return sum;
    }

    /** @return the message with its JWT masked */
    @Benchmark
    public String oneJwt() {
        return defaults.redact(withJwt);
    }

    /** @return the clean message under a policy with one user pattern (a regular-expression search) */
    @Benchmark
    public String noMatchWithOnePattern() {
        return withPattern.redact(clean);
    }
}
