/**
 * The metric conventions Vigil emits, as data: each {@link dev.vigil.conventions.MetricConvention} names one
 * metric with its instrument, unit, attributes, buckets, stability and origin. The convention wrappers record
 * through these definitions, {@code docs/conventions.md} is generated from them, and the conformance tests hold
 * every scraped series against them.
 */
package dev.vigil.conventions;
