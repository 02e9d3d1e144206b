package dev.vigil.testing;

import java.nio.file.Path;

/**
 * Runs Alertmanager's {@code amtool} (Debian's {@code prometheus-alertmanager}). A missing amtool fails the test,
 * unless {@code -Dvigil.test.tools=optional}, which skips it.
 */
public final class Amtool {
    private Amtool() {
    }

    /**
     * Asserts {@code amtool check-config} accepts an Alertmanager configuration.
     *
     * @param config the {@code alertmanager.yml}
     * @return amtool's report, for further assertions
     * @throws AssertionError with amtool's report when it refuses the file
     */
    public static String checkConfig(Path config) {
        Path tool = ToolRunner.require("amtool", "prometheus-alertmanager");
        Path file = config.toAbsolutePath();
        return ToolRunner.runOk(file.getParent(), tool, "check-config", file.getFileName().toString());
    }
}
