package dev.authmd.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@link ClaimInbox#mailDirectory}: reads the demo mailer's {@code .eml} files. */
final class MailDirectoryInbox implements ClaimInbox {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";\\r\\n]+)\"?", Pattern.CASE_INSENSITIVE);
    /** A claim page link, or the development sign-in's link (the current profile's ceremony). */
    private static final Pattern LINK =
            Pattern.compile("https?://\\S+/(?:view\\?token|dev/sign-in/link\\?code)=[A-Za-z0-9_%.~-]+");

    private final Path directory;

    MailDirectoryInbox(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Message> latest(String registrationId) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        String suffix = "-" + registrationId + ".eml";
        try (Stream<Path> files = Files.list(directory)) {
            Optional<Path> newest = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .max(Comparator.comparing(f -> f.getFileName().toString()));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(parse(Files.readString(newest.get(), StandardCharsets.UTF_8), newest.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses just enough MIME for the recipient and the link of the plain-text part. */
    static Message parse(String eml, Path file) {
        String normalized = eml.replace("\r\n", "\n");
        int split = normalized.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalStateException(file + " has no header/body separator");
        }
        List<String> headers = unfold(normalized.substring(0, split));
        String body = normalized.substring(split + 2);
        String to = header(headers, "To").orElseThrow(() -> new IllegalStateException(file + " has no To header"));
        String contentType = header(headers, "Content-Type").orElse("text/plain");
        String text;
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") && boundary.find()) {
            text = plainPart(body, boundary.group(1))
                    .orElseThrow(() -> new IllegalStateException(file + " has no text/plain part"));
        } else {
            text = decode(body, header(headers, "Content-Transfer-Encoding").orElse("7bit"));
        }
        Matcher link = LINK.matcher(text);
        if (!link.find()) {
            throw new IllegalStateException(file + " carries no claim link");
        }
        return new Message(to.strip(), URI.create(link.group()));
    }

    private static Optional<String> plainPart(String body, String boundary) {
        for (String part : body.split("\n--" + Pattern.quote(boundary))) {
            String p = part.startsWith("--" + boundary) ? part.substring(boundary.length() + 2) : part;
            int split = p.indexOf("\n\n");
            if (split < 0) {
                continue;
            }
            List<String> headers = unfold(p.substring(0, split).strip());
            if (header(headers, "Content-Type")
                    .orElse("")
                    .toLowerCase(Locale.ROOT)
                    .startsWith("text/plain")) {
                return Optional.of(decode(
                        p.substring(split + 2),
                        header(headers, "Content-Transfer-Encoding").orElse("7bit")));
            }
        }
        return Optional.empty();
    }

    private static String decode(String content, String transferEncoding) {
        if (transferEncoding.strip().equalsIgnoreCase("base64")) {
            return new String(Base64.getMimeDecoder().decode(content.strip()), StandardCharsets.UTF_8);
        }
        return content;
    }

    private static List<String> unfold(String block) {
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!lines.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.strip());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Optional<String> header(List<String> headers, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream()
                .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(h -> h.substring(prefix.length()).strip())
                .findFirst();
    }
}
