package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
    @Test
    void generatedIdsAreNonZeroAndVary() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long span = IdGenerator.newSpanId();
            assertThat(span).isNotZero();
            assertThat(IdGenerator.newTraceIdHigh()).isNotZero();
            assertThat(IdGenerator.newTraceIdLow()).isNotZero();
            seen.add(span);
        }
        assertThat(seen).hasSizeGreaterThan(990);
    }
}
