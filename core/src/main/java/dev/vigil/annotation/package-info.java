/**
 * Annotations for timing, counting and tracing methods. They take effect when {@code vigil-maven-plugin}
 * rewrites the compiled classes at build time: no agent, no AspectJ, no reflection on the hot path.
 */
package dev.vigil.annotation;
