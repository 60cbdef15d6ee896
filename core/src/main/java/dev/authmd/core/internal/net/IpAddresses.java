package dev.authmd.core.internal.net;

import dev.authmd.core.internal.ratelimit.SlidingWindowRateLimiter;
import dev.authmd.core.ratelimit.ClientAddressResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Strict IP literal parsing without DNS, canonical text, CIDR blocks. Package-private helper of
 * {@link ClientAddressResolver} and {@link SlidingWindowRateLimiter}.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)\\](?::\\d{1,5})?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private IpAddresses() {}

    /**
     * Parses an address as found in a peer address or an {@code X-Forwarded-For} hop: IPv4, IPv4 with a port, IPv6, or
     * bracketed IPv6 with an optional port. Never resolves names.
     *
     * @param text the text; may be null
     * @return the address, or empty for anything else
     */
    public static Optional<InetAddress> parse(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        Matcher bracketed = BRACKETED.matcher(value);
        if (bracketed.matches()) {
            return parseIpv6(bracketed.group(1));
        }
        Matcher withPort = IPV4_PORT.matcher(value);
        if (withPort.matches()) {
            return parseIpv4(withPort.group(1));
        }
        Optional<InetAddress> v4 = parseIpv4(value);
        return v4.isPresent() ? v4 : parseIpv6(value);
    }

    /**
     * Parses a bare IP address literal.
     *
     * @param text a bare literal (no brackets, no port)
     * @return the address, or empty
     */
    public static Optional<InetAddress> parseBare(String text) {
        Optional<InetAddress> v4 = parseIpv4(text);
        return v4.isPresent() ? v4 : parseIpv6(text);
    }

    private static Optional<InetAddress> parseIpv4(String text) {
        Matcher m = IPV4.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        return Optional.of(byAddress(bytes));
    }

    private static Optional<InetAddress> parseIpv6(String text) {
        // only hex digits, ':' and '.', first character a hex digit or ':' and at least one ':' —
        // InetAddress.getByName then parses the literal and never consults DNS
        if (!IPV6_CHARS.matcher(text).matches() || text.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException invalid) {
            return Optional.empty();
        }
    }

    /**
     * Returns the canonical text form of an address.
     *
     * @param address an address
     * @return dotted quad for IPv4, RFC 5952 text (lower case, longest zero run as {@code ::}) for IPv6
     */
    public static String canonical(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /**
     * Returns the per-IP rate-limit bucket of an address.
     *
     * @param address an address
     * @return the per-IP rate-limit bucket: the IPv4 address, or the IPv6 /64 prefix (one customer usually holds a
     *     whole /64)
     */
    public static String bucket(InetAddress address) {
        return bucket(address, 64);
    }

    /**
     * {@return the per-IP bucket of an address: itself for IPv4, its network of {@code ipv6PrefixBits} for IPv6}
     *
     * @param address the address
     * @param ipv6PrefixBits a multiple of 8 up to 128
     */
    public static String bucket(InetAddress address, int ipv6PrefixBits) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, ipv6PrefixBits / 8, 16, (byte) 0);
            return canonical(byAddress(prefix)) + "/" + ipv6PrefixBits;
        }
        return canonical(address);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always a valid address", e);
        }
    }

    /** A CIDR block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a full-length block. */
    public static final class Cidr {
        private final byte[] network;
        private final int prefixBits;
        private final String text;

        private Cidr(byte[] network, int prefixBits, String text) {
            this.network = network;
            this.prefixBits = prefixBits;
            this.text = text;
        }

        /**
         * Parses an address or a CIDR block.
         *
         * @param text {@code address} or {@code address/prefix}
         * @return the block
         * @throws IllegalArgumentException naming the bad entry
         */
        public static Cidr parse(String text) {
            Objects.requireNonNull(text, "trusted proxy entries cannot be null");
            String value = text.trim();
            int slash = value.indexOf('/');
            String literal = slash < 0 ? value : value.substring(0, slash);
            InetAddress address = parseBare(literal)
                    .orElseThrow(() ->
                            new IllegalArgumentException("trusted proxy must be an IP address or CIDR block: " + text));
            byte[] bytes = address.getAddress();
            int maxBits = bytes.length * 8;
            int bits = maxBits;
            if (slash >= 0) {
                String prefix = value.substring(slash + 1);
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > maxBits) {
                    throw new IllegalArgumentException(
                            "trusted proxy prefix length must be 0-" + maxBits + ": " + text);
                }
                bits = Integer.parseInt(prefix);
            }
            return new Cidr(mask(bytes, bits), bits, value);
        }

        public boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            return bytes.length == network.length && Arrays.equals(mask(bytes, prefixBits), network);
        }

        private static byte[] mask(byte[] bytes, int bits) {
            byte[] masked = bytes.clone();
            for (int i = 0; i < masked.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                masked[i] = (byte) (masked[i] & (0xff << (8 - keep)));
            }
            return masked;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
