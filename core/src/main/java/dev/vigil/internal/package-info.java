/**
 * Core's shared internals. Public only so that other Vigil modules and generated code can reach them;
 * not part of Vigil's API, and they change without notice.
 */
package dev.vigil.internal;
