package dev.vigil;

import java.util.Map;

/** Factories for {@link VigilConfig}, kept apart so the config class stays a plain value. */
final class VigilConfigs {
    private VigilConfigs() {
    }

    /** @return a config that reads nothing: the no-op instance must not depend on the environment */
    static VigilConfig empty() {
        return new VigilConfig(Map.of(), ConfigSource.empty());
    }

    /** @return the builder's values, then the source's system properties, then its environment variables */
    static VigilConfig of(Map<String, String> explicit, ConfigSource source) {
        return new VigilConfig(explicit, source);
    }
}
