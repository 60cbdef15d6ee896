/**
 * Claim email delivery: {@link dev.authmd.spi.mail.ClaimMailer} and the rendered {@link dev.authmd.spi.mail.ClaimMail}.
 */
@NullMarked
package dev.authmd.spi.mail;

import org.jspecify.annotations.NullMarked;
