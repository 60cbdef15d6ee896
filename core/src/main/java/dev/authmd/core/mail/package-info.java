/**
 * Claim email delivery that ships with the core: {@link dev.authmd.core.mail.ConsoleClaimMailer}, the development
 * default that prints each claim link instead of sending it. Production services deliver claim emails with the SMTP
 * mailer of {@code adapters/smtp-mailer} ({@code dev.authmd:authmd-smtp-mailer}) or their own
 * {@link dev.authmd.spi.mail.ClaimMailer}.
 */
@NullMarked
package dev.authmd.core.mail;

import org.jspecify.annotations.NullMarked;
