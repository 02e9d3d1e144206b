package dev.vigil;

import java.util.Map;

/** Builds a {@link VigilConfig} for tests in other packages, whose constructor is package-private. */
public final class VigilConfigAccess {
    private VigilConfigAccess() {
    }

    /** @return a configuration with only the service name, read from nothing else */
    public static VigilConfig config(String serviceName, String... keyValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(VigilConfig.SERVICE_NAME, serviceName);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new VigilConfig(m, ConfigSource.empty());
    }
}
