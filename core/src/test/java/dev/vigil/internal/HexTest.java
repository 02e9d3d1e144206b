package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        Arrays.fill(dest, (byte) '-');
        Hex.encode(0x4bf92f3577b34da6L, dest, 2);
        assertThat(new String(dest, StandardCharsets.ISO_8859_1))
                .isEqualTo("--4bf92f3577b34da6--");
    }

    @Test
    void decodesWhatItEncodes() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] buffer = new byte[19];
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong();
            Hex.encode(value, buffer, 3);
            assertThat(Hex.decode8(buffer, 3) << 32 | Hex.decode8(buffer, 11)).isEqualTo(value);
        }
        assertThat(Hex.decode8(ascii("ffffffff"), 0)).isEqualTo(0xFFFFFFFFL);
        assertThat(Hex.decode8(ascii("00000000"), 0)).isZero();
    }

    @Test
    void decodeRejectsEveryByteButLowercaseHexInEveryPosition() {
        for (int b = 0; b < 256; b++) {
            boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
            for (int pos = 0; pos < 8; pos++) {
                byte[] digits = ascii("9a8b7c6d");
                digits[pos] = (byte) b;
                long decoded = Hex.decode8(digits, 0);
                if (hex) {
                    assertThat(decoded).as("byte %d at %d", b, pos).isNotNegative();
                } else {
                    assertThat(decoded).as("byte %d at %d", b, pos).isEqualTo(-1L);
                }
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
