/**
 * The bytecode interface: what code that {@code vigil-maven-plugin} inlines into annotated methods calls, see
 * {@link dev.vigil.bytecode.InstrumentedMethod}. Versioned, and kept small so that it can stay stable; application
 * code never calls it.
 */
package dev.vigil.bytecode;
