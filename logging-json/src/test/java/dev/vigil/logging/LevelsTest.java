package dev.vigil.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** vigil.logging.level sets the root, vigil.logging.level.<logger> one logger, from properties or environment names. */
class LevelsTest {
    private LogCapture capture;

    @AfterEach
    void tearDown() {
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void rootAndPerLoggerLevelsApply() {
        capture = new LogCapture(Map.of("vigil.logging.level", "WARN", "vigil.logging.level.shop.db", "DEBUG"));
        LoggerFactory.getLogger("shop.web").info("hidden");
        LoggerFactory.getLogger("shop.web").warn("shown");
        LoggerFactory.getLogger("shop.db.Pool").debug("shown too");
        dev.vigil.Vigil.noop().audit("auth.login").log(); // INFO, yet audit passes a WARN root
        capture.flush();
        assertThat(capture.lines()).extracting(l -> l.get("message").asString()).containsExactly("shown", "shown too", "auth.login unknown");
    }

    @Test
    void environmentNamesMapToLoggerNamesAndBadValuesNameTheirSource() {
        Properties props = new Properties();
        props.setProperty("vigil.logging.level.com.Acme.Billing", "error");
        LogSettings s = LogSettings.from(k -> null, props, Map.of("VIGIL_LOGGING_LEVEL_COM_ACME_DB", "debug", "PATH", "/bin"));
        assertThat(s.loggerLevels).containsEntry("com.acme.db", Level.DEBUG).containsEntry("com.Acme.Billing", Level.ERROR).hasSize(2);
        assertThatThrownBy(() -> LogSettings.from(k -> null, new Properties(), Map.of("VIGIL_LOGGING_LEVEL_X", "LOUD")))
                .hasMessageContaining("VIGIL_LOGGING_LEVEL_X").hasMessageContaining("LOUD");
        assertThatThrownBy(() -> LogSettings.from(Map.of("vigil.logging.max-line-bytes", "12")::get, new Properties(), Map.of()))
                .hasMessageContaining("vigil.logging.max-line-bytes");
        assertThatThrownBy(() -> LogSettings.from(Map.of("vigil.logging.format", "xml")::get, new Properties(), Map.of()))
                .hasMessageContaining("vigil.logging.format");
    }
}
