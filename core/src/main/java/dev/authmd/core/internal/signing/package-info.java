/**
 * The service's own signing keys at work: which key signs now and which keys are published, from the schedule a
 * {@link dev.authmd.spi.keys.SigningKeySource} gives. Not exported.
 */
@NullMarked
package dev.authmd.core.internal.signing;

import org.jspecify.annotations.NullMarked;
