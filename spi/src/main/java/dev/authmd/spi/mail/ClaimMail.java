package dev.authmd.spi.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * A rendered claim email (docs/protocol.md#v01-4): the library writes subject, text and HTML; the mailer only delivers
 * it.
 *
 * @param tenantId the tenant
 * @param registrationId the registration being claimed
 * @param to the normalised recipient address; validated, never contains CR or LF
 * @param subject the subject line; never contains CR or LF
 * @param textBody the plain-text part
 * @param htmlBody the HTML part, all dynamic text escaped
 * @param claimLink the link to the claim page; it carries a secret, do not log it
 * @param expiresAt when the link stops working
 */
public record ClaimMail(
        String tenantId,
        String registrationId,
        String to,
        String subject,
        String textBody,
        String htmlBody,
        String claimLink,
        Instant expiresAt) {

    /**
     * Creates a claim email, refusing line breaks in the recipient and subject, where they would allow header
     * injection.
     *
     * @param tenantId the tenant
     * @param registrationId the registration being claimed
     * @param to the normalised recipient address; validated, never contains CR or LF
     * @param subject the subject line; never contains CR or LF
     * @param textBody the plain-text part
     * @param htmlBody the HTML part, all dynamic text escaped
     * @param claimLink the link to the claim page; it carries a secret, do not log it
     * @param expiresAt when the link stops working
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if {@code to} or {@code subject} contains CR or LF
     */
    public ClaimMail {
        Objects.requireNonNull(tenantId, "tenantId cannot be null");
        Objects.requireNonNull(registrationId, "registrationId cannot be null");
        Objects.requireNonNull(to, "to cannot be null");
        Objects.requireNonNull(subject, "subject cannot be null");
        Objects.requireNonNull(textBody, "textBody cannot be null");
        Objects.requireNonNull(htmlBody, "htmlBody cannot be null");
        Objects.requireNonNull(claimLink, "claimLink cannot be null");
        Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        if (hasLineBreak(to) || hasLineBreak(subject)) {
            throw new IllegalArgumentException("recipient and subject must not contain line breaks");
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    @Override
    public String toString() {
        // the link is a secret and the address personal data: keep both out of logs
        return "ClaimMail[tenant=" + tenantId + ", registration=" + registrationId + "]";
    }
}
