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

    /**
     * Asks {@code amtool config routes test} which receiver an alert with these labels goes to.
     *
     * @param config the {@code alertmanager.yml}
     * @param labels {@code name=value} pairs, for example {@code severity=critical}
     * @return the receiver's name (several, comma-separated, when the alert continues to more than one route)
     */
    public static String receiverOf(Path config, String... labels) {
        Path tool = ToolRunner.require("amtool", "prometheus-alertmanager");
        Path file = config.toAbsolutePath();
        String[] args = new String[3 + labels.length];
        args[0] = "config";
        args[1] = "routes";
        args[2] = "test";
        System.arraycopy(labels, 0, args, 3, labels.length);
        String[] withConfig = java.util.Arrays.copyOf(args, args.length + 1);
        withConfig[args.length] = "--config.file=" + file.getFileName();
        String out = ToolRunner.runOk(file.getParent(), tool, withConfig);
        // amtool also prints a warning that the file overrides --alertmanager.url: the receiver is the other line.
        return out.lines().filter(l -> !l.isBlank() && !l.startsWith("Warning:")).findFirst().orElse("").trim();
    }
}
