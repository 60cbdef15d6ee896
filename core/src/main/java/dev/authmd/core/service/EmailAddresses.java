package dev.authmd.core.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates and normalises the email addresses agents send (docs/protocol.md#v01-3b): trimmed, domain lower-cased,
 * local part kept as sent. Deliberately strict: a plain {@code local@domain} with an ASCII dot-atom local part and a
 * DNS host name, no quoted strings, comments, IP literals or display names. Anything with a line break or a control
 * character is refused, so an address can never smuggle a mail header.
 */
final class EmailAddresses {

    /** RFC 5321 limit on an address's length. */
    public static final int MAX_LENGTH = 254;

    private static final Pattern LOCAL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {}

    /**
     * Normalises an email address.
     *
     * @param raw the address as sent; may be null
     * @return the normalised address, or empty when it is not an acceptable address
     */
    public static Optional<String> normalise(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at != trimmed.indexOf('@') || at == trimmed.length() - 1) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return Optional.empty();
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(local + "@" + domain);
    }

    /**
     * Returns the domain of an email address.
     *
     * @param normalised a normalised address
     * @return its domain
     */
    public static String domain(String normalised) {
        return normalised.substring(normalised.lastIndexOf('@') + 1);
    }
}
