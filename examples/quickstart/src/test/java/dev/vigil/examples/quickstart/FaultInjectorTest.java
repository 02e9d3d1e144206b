package dev.vigil.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    @Test
    void failsExactlyTheSetShareSpreadEvenly() {
        FaultInjector faults = new FaultInjector();
        assertThat(faults.set("0.2")).isEqualTo("{\"error_rate\":0.2}");
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            try {
                faults.maybeFail();
                pattern.append('.');
            } catch (FaultInjector.InjectedFault e) {
                pattern.append('x');
            }
        }
        assertThat(pattern.toString()).isEqualTo("....x".repeat(20));
        faults.set("0");
        faults.maybeFail(); // no longer fails
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        FaultInjector faults = new FaultInjector();
        assertThatThrownBy(() -> faults.set("1.5")).hasMessage("error_rate must be a number from 0 to 1");
        assertThatThrownBy(() -> faults.set("NaN")).hasMessage("error_rate must be a number from 0 to 1");
        assertThatThrownBy(() -> faults.set("lots")).hasMessage("error_rate must be a number from 0 to 1");
    }
}
