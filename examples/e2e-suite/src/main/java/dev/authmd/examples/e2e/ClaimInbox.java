package dev.authmd.examples.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the suite reads the claim emails the server under test sends (docs/protocol.md#v01-4): the recipient and the
 * claim page link with its attempt token.
 */
@FunctionalInterface
public interface ClaimInbox {

    /**
     * @param registrationId the registration the email is about
     * @return the newest claim email sent for it, if any
     */
    Optional<Message> latest(String registrationId);

    /**
     * An inbox over a directory of {@code .eml} files as the demo's mailer writes them with {@code --mail-dir}: one
     * file per email named {@code <sequence>-<registration_id>.eml} (the newest has the greatest name),
     * {@code multipart/alternative} with a plain-text part (base64 or unencoded) that carries the link.
     *
     * @param directory the mail directory
     * @return the inbox
     */
    static ClaimInbox mailDirectory(Path directory) {
        return new MailDirectoryInbox(Objects.requireNonNull(directory, "directory cannot be null"));
    }

    /**
     * One claim email.
     *
     * @param to the recipient as written in the {@code To} header
     * @param link the claim page link, {@code {claim_uri}/view?token=cvt_…}
     */
    record Message(String to, URI link) {
        /** Validates the components. */
        public Message {
            Objects.requireNonNull(to, "to cannot be null");
            Objects.requireNonNull(link, "link cannot be null");
        }
    }
}
