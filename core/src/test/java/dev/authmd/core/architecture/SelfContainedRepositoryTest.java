package dev.authmd.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the repository points at files outside it: the protocol is documented in {@code docs/protocol.md}, and
 * every reference goes there.
 */
class SelfContainedRepositoryTest {

    /** Spelled in pieces so that this file does not match itself. */
    private static final List<String> FORBIDDEN = List.of(
            "PROTOCOL" + ".md", "PROTOCOL" + "-CURRENT.md", "../" + "shared", "ARCHITECTURE" + ".md", "STYLE" + ".md");

    /** An anchor of docs/protocol.md, and a link to one from anywhere. */
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([A-Za-z0-9-]+)\"></a>");

    private static final Pattern PROTOCOL_LINK = Pattern.compile("protocol\\.md#([A-Za-z0-9-]+)");

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".idea");

    @Test
    void everyFileWhenScannedThenNoReferenceOutsideTheRepository() throws IOException {
        Path root = RepositoryRoot.find();
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !skipped(root.relativize(file)))
                    .forEach(file -> scan(root, file, offences));
        }

        assertThat(offences).as("references to files outside the repository").isEmpty();
    }

    @Test
    void protocolLinksWhenScannedThenEveryAnchorExistsInProtocolDoc() throws IOException {
        Path root = RepositoryRoot.find();
        Set<String> anchors = new HashSet<>();
        Matcher id = ANCHOR.matcher(Files.readString(root.resolve("docs/protocol.md")));
        while (id.find()) {
            anchors.add(id.group(1));
        }
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !skipped(root.relativize(file)))
                    .forEach(file -> {
                        Matcher link = PROTOCOL_LINK.matcher(text(file));
                        while (link.find()) {
                            if (!anchors.contains(link.group(1))) {
                                broken.add(root.relativize(file) + " links #" + link.group(1));
                            }
                        }
                    });
        }

        assertThat(anchors).as("anchors in docs/protocol.md").isNotEmpty();
        assertThat(broken).as("links into docs/protocol.md without an anchor").isEmpty();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static void scan(Path root, Path file, List<String> offences) {
        String text = text(file);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String needle : FORBIDDEN) {
                if (lines[i].contains(needle)) {
                    offences.add(root.relativize(file) + ":" + (i + 1) + " mentions " + needle);
                }
            }
        }
    }
}
