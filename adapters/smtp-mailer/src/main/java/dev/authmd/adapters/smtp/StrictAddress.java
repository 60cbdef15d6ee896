package dev.authmd.adapters.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;

/**
 * Parses an email address so strictly that nothing but one plain {@code local@domain} gets through: no display name, no
 * angle brackets, no comments, no groups, no lists, no white space or control characters, no non-ASCII text (this
 * mailer does not speak SMTPUTF8). The parsed address must equal the input exactly, so what goes into the {@code To}
 * header and the SMTP envelope is exactly what the library validated.
 *
 * <p>Stateless and thread-safe.
 */
final class StrictAddress {

    private StrictAddress() {}

    /**
     * {@return the address, or empty when {@code input} is not exactly one plain address}
     *
     * @param input the candidate address; may be anything, including {@code null}
     */
    static Optional<InternetAddress> parse(String input) {
        if (input == null || input.isEmpty() || !printableAscii(input)) {
            return Optional.empty();
        }
        InternetAddress address;
        try {
            address = new InternetAddress(input, true);
            address.validate();
        } catch (AddressException e) {
            // the exception's message quotes the input: it is personal data, so it goes nowhere
            return Optional.empty();
        }
        if (address.isGroup()
                || address.getPersonal() != null
                || !input.equals(address.getAddress())
                || input.indexOf('@') < 1) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
