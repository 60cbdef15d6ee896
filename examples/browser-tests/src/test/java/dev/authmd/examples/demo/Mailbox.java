package dev.authmd.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code .eml} files the demo writes with {@code --mail-dir}: the claim link a person would click, taken from
 * the plain-text part exactly as it was emailed.
 */
final class Mailbox {

    private static final Pattern TEXT_PART = Pattern.compile(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n(.*?)\r\n--",
            Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("https?://\\S+/view\\?token=\\S+");

    private final Path dir;

    Mailbox(Path dir) {
        this.dir = dir;
    }

    /**
     * @param registrationId the registration the emails are about
     * @return the emails about it, oldest first (the demo numbers its files)
     */
    List<Path> emailsAbout(String registrationId) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + registrationId + ".eml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param registrationId the registration
     * @return the claim link in the newest email about it
     */
    String lastLinkAbout(String registrationId) {
        List<Path> emails = emailsAbout(registrationId);
        if (emails.isEmpty()) {
            throw new AssertionError("no email about " + registrationId + " in " + dir);
        }
        return linkIn(read(emails.get(emails.size() - 1)));
    }

    /**
     * @param eml a whole email as the demo writes it
     * @return the claim link of its plain-text part
     */
    static String linkIn(String eml) {
        String text = textOf(eml);
        Matcher link = LINK.matcher(text);
        if (!link.find()) {
            throw new AssertionError("no claim link in the email text:\n" + text);
        }
        return link.group();
    }

    /**
     * @param eml a whole email as the demo writes it
     * @return its plain-text part, decoded
     */
    static String textOf(String eml) {
        Matcher part = TEXT_PART.matcher(eml);
        if (!part.find()) {
            throw new AssertionError("no plain-text part in the email:\n" + eml);
        }
        return new String(Base64.getMimeDecoder().decode(part.group(1)), StandardCharsets.UTF_8);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
