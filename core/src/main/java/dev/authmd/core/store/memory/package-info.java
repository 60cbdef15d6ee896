/**
 * In-memory implementations of every storage SPI: the embedded defaults, thread-safe and bounded.
 */
package dev.authmd.core.store.memory;
