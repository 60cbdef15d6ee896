/**
 * Claim email delivery: {@link dev.authmd.spi.mail.ClaimMailer} and the rendered {@link dev.authmd.spi.mail.ClaimMail}.
 */
package dev.authmd.spi.mail;
