/**
 * The service-provider interface that adapter modules implement. Users do not call it; core validates
 * every input before it reaches a backend, caches what backends return, and shields the host from any
 * exception a backend throws.
 */
package dev.vigil.spi;
