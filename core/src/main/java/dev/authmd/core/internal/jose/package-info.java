/**
 * Strict compact-JWS decoding ahead of Nimbus's signature check, and the JWS verifiers with their JCA provider. Not
 * exported.
 */
@NullMarked
package dev.authmd.core.internal.jose;

import org.jspecify.annotations.NullMarked;
