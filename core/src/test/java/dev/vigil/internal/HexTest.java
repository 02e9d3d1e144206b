package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void encodesEveryNibbleValueInEveryPosition() {
        assertThat(Hex.toHex(0x0123456789abcdefL)).isEqualTo("0123456789abcdef");
        assertThat(Hex.toHex(0xfedcba9876543210L)).isEqualTo("fedcba9876543210");
        assertThat(Hex.toHex(0L)).isEqualTo("0000000000000000");
        assertThat(Hex.toHex(-1L)).isEqualTo("ffffffffffffffff");
        assertThat(Hex.toHex(0x00f067aa0ba902b7L)).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void matchesTheJdkOnRandomValues() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            long high = random.nextLong();
            long low = random.nextLong();
            assertThat(Hex.toHex(low)).isEqualTo(String.format("%016x", low));
            assertThat(Hex.toHex(high, low)).isEqualTo(String.format("%016x%016x", high, low));
        }
    }

    @Test
    void writesAtTheGivenOffsetOnly() {
        byte[] dest = new byte[20];
        java.util.Arrays.fill(dest, (byte) '-');
        Hex.encode(0x4bf92f3577b34da6L, dest, 2);
        assertThat(new String(dest, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("--4bf92f3577b34da6--");
    }
}
