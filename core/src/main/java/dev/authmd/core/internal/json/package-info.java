/** Strict JSON reading for untrusted input. Internal. */
package dev.authmd.core.internal.json;
