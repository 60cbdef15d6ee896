package dev.authmd.protocol.internal.authmd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds and checks http(s) URLs in free text. Stateless and thread-safe. */
public final class Urls {

    /** RFC 9728 well-known path segment. */
    public static final String PRM_SEGMENT = "/.well-known/oauth-protected-resource";
    /** RFC 8414 well-known path segment. */
    public static final String AS_SEGMENT = "/.well-known/oauth-authorization-server";

    private static final Pattern BARE_URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`\\\\\\[\\](){}|^]+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?*_~";
    private static final int MAX_URL_LENGTH = 2048;

    private Urls() {}

    /**
     * A URL found in text.
     *
     * @param start index of its first character
     * @param end index after its last character
     * @param uri its value
     */
    public record Found(int start, int end, URI uri) {}

    /**
     * {@return every absolute http(s) URL with a host in it, in order; trailing sentence punctuation is not part of a
     * URL}
     *
     * @param text any text
     */
    public static List<Found> find(CharSequence text) {
        List<Found> found = new ArrayList<>();
        Matcher m = BARE_URL.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            int start = m.start();
            int stop = end;
            absolute(text.subSequence(start, stop).toString()).ifPresent(u -> found.add(new Found(start, stop, u)));
        }
        return found;
    }

    /**
     * {@return it as a URI when it is an absolute http(s) URL with a host and no fragment}
     *
     * @param value a candidate URL
     */
    public static Optional<URI> absolute(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * {@return the resolved absolute URL, if both are usable}
     *
     * @param base an absolute URL
     * @param reference a relative reference such as {@code /agent/auth}
     */
    public static Optional<URI> resolve(URI base, String reference) {
        if (reference == null || reference.isBlank() || reference.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            return absolute(base.resolve(new URI(reference.trim())).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@return {@code host[:port]}, lower-cased}
     *
     * @param uri an absolute URL
     */
    public static String authority(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    /**
     * {@return its raw path, {@code ""} when it has none}
     *
     * @param uri an absolute URL
     */
    public static String path(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    /**
     * {@return whether its path holds the RFC 9728 well-known segment}
     *
     * @param uri an absolute URL
     */
    public static boolean isProtectedResourceMetadata(URI uri) {
        return segmentAt(path(uri), PRM_SEGMENT) >= 0;
    }

    /**
     * {@return whether its path holds the RFC 8414 well-known segment}
     *
     * @param uri an absolute URL
     */
    public static boolean isAuthorizationServerMetadata(URI uri) {
        return segmentAt(path(uri), AS_SEGMENT) >= 0;
    }

    /**
     * The issuer an authorization server metadata URL belongs to: for the RFC 8414 form the path after the well-known
     * segment, for the appended form the path before it.
     *
     * @param uri an authorization server metadata URL
     * @return the issuer it was built from
     */
    public static String issuerOfMetadata(URI uri) {
        String path = path(uri);
        int at = segmentAt(path, AS_SEGMENT);
        String before = path.substring(0, Math.max(at, 0));
        String after = at < 0 ? "" : path.substring(at + AS_SEGMENT.length());
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority(uri);
        return origin + (before.isEmpty() ? after : before);
    }

    /**
     * {@return whether the well-known segment directly follows the host (the RFC 8414 form)}
     *
     * @param uri an authorization server metadata URL
     */
    public static boolean isInsertedForm(URI uri) {
        return segmentAt(path(uri), AS_SEGMENT) == 0;
    }

    private static int segmentAt(String path, String segment) {
        int at = path.indexOf(segment);
        while (at >= 0) {
            int end = at + segment.length();
            if (end == path.length() || path.charAt(end) == '/') {
                return at;
            }
            at = path.indexOf(segment, at + 1);
        }
        return -1;
    }
}
