/**
 * JMH benchmarks. Each compares a Vigil path with the raw library doing the same work in the same run; the
 * latest table and the command that reproduces it are in {@code docs/performance.md}.
 */
package dev.vigil.benchmarks;
