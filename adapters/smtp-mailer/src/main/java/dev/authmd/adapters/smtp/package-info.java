/**
 * An SMTP {@link dev.authmd.spi.mail.ClaimMailer} on Jakarta Mail (Eclipse Angus):
 * {@link dev.authmd.adapters.smtp.SmtpSettings} says where and how to connect,
 * {@link dev.authmd.adapters.smtp.SmtpClaimMailer} sends the claim emails of docs/protocol.md#v01-4.
 */
package dev.authmd.adapters.smtp;
