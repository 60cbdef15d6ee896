package dev.authmd.protocol.authmd;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.protocol.authmd.AuthMdUrlCandidates.Role;
import dev.authmd.protocol.internal.authmd.HttpRequestBlock;
import dev.authmd.protocol.internal.authmd.MarkdownTable;
import dev.authmd.protocol.internal.authmd.Urls;
import dev.authmd.protocol.internal.authmd.Wire;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * One pass over one document: walks the CommonMark tree without recursion, splits it into text units (paragraphs, list
 * items, table rows, code lines), labels each URL by the nearest keyword, reads JSON and {@code http} blocks and error
 * tables, and hands URLs and types to {@link AuthMdUrlCandidates} and {@link AuthMdTypeFacts} to resolve. Not
 * thread-safe; one instance per parse.
 */
final class AuthMdExtraction {

    private static final int MAX_REASONS = 100;
    private static final int MAX_EXAMPLES = 256;
    private static final int MAX_JSON_BLOCK_CHARS = 256 * 1024;
    private static final int MAX_ERROR_CODES = 500;
    private static final int MAX_UNIT_CHARS = 64 * 1024;

    private static final Pattern KEYWORDS =
            Pattern.compile("\\b(?:(regist(?:er|ers|ered|ering|ration|rations)(?:_uri)?)"
                    + "|(claim(?:_uri|_url)?)"
                    + "|(revo(?:ke|kes|king|cation)(?:_uri)?|logout(?:_token)?)"
                    + "|(resource_metadata)"
                    + "|(events?|events_supported|skill|documentation|docs"
                    // the current profile's members label their own URLs, never v0.1's
                    + "|identity_endpoint|claim_endpoint|token_endpoint|revocation_endpoint|events_endpoint"
                    + "|jwks_uri))\\b");
    private static final Pattern POST_BEFORE = Pattern.compile("(?i)\\bpost\\s*$");
    private static final Pattern HEADING_ROLE =
            Pattern.compile("(?i)\\b(?:(regist\\w*)|(claim\\w*)|(revo\\w*|logout))");
    private static final Pattern CODE_TOKEN = Pattern.compile("^[a-z][a-z0-9]*(?:_[a-z0-9]+)*");
    private static final Set<String> JSON_TAGS = Set.of("json", "jsonc", "json5", "application/json");
    private static final Set<String> HTTP_TAGS = Set.of("http", "https", "httpspec", "rest");

    private final Parser markdownParser;
    private final @Nullable URI documentUri;
    private final List<String> reasons = new ArrayList<>();
    private final AuthMdUrlCandidates urls;
    private final AuthMdTypeFacts types;
    private final AuthMdJsonReader jsonReader;
    private final List<AuthMdJsonExample> examples = new ArrayList<>();
    private final List<PendingHttp> httpBlocks = new ArrayList<>();
    private final Set<String> errorCodes = new LinkedHashSet<>();
    private String heading = "";
    private int relativeLinksSkipped;
    private int examplesSkipped;

    private record PendingHttp(HttpRequestBlock request, int line, String heading) {}

    private record Occurrence(int start, int end, URI uri) {}

    private record Keyword(int start, int end, @Nullable Role role) {}

    AuthMdExtraction(Parser markdownParser, ObjectMapper json, @Nullable URI documentUri) {
        this.markdownParser = markdownParser;
        this.documentUri = documentUri;
        this.urls = new AuthMdUrlCandidates(documentUri, this::reason);
        this.types = new AuthMdTypeFacts(this::reason);
        this.jsonReader = new AuthMdJsonReader(json, documentUri, urls, types);
    }

    void reason(String note) {
        if (reasons.size() < MAX_REASONS) {
            reasons.add(note);
        } else if (reasons.size() == MAX_REASONS) {
            reasons.add("more notes were dropped");
        }
    }

    // --- the walk ------------------------------------------------------------------------------

    void run(String markdown) {
        Node document = markdownParser.parse(markdown);
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(document);
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node instanceof Heading) {
                heading = inlineUnit(node, true);
            } else if (node instanceof Paragraph paragraph) {
                paragraph(paragraph, markdown);
            } else if (node instanceof FencedCodeBlock fenced) {
                codeBlock(fenced.getInfo() == null ? "" : fenced.getInfo().trim(), fenced.getLiteral(), line(fenced));
            } else if (node instanceof IndentedCodeBlock indented) {
                codeBlock("", indented.getLiteral(), line(indented));
            } else if (node instanceof HtmlBlock html) {
                rawUnit(html.getLiteral());
            } else if (node instanceof LinkReferenceDefinition definition) {
                linkUnit(definition.getLabel(), definition.getDestination());
            } else {
                pushChildren(node, stack);
            }
        }
        processHttpBlocks();
    }

    private static void pushChildren(Node node, Deque<Node> stack) {
        List<Node> children = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            children.add(child);
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            stack.push(children.get(i));
        }
    }

    private static int line(Block block) {
        List<SourceSpan> spans = block.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    private void paragraph(Paragraph paragraph, String markdown) {
        List<String> lines = new ArrayList<>();
        for (SourceSpan span : paragraph.getSourceSpans()) {
            int start = span.getInputIndex();
            int end = start + span.getLength();
            if (start >= 0 && end <= markdown.length()) {
                lines.add(markdown.substring(start, end));
            }
        }
        Optional<MarkdownTable> table = MarkdownTable.parse(lines);
        if (table.isPresent()) {
            table(table.get());
        } else {
            inlineUnit(paragraph, false);
        }
    }

    /** Marks where a link's text ends, so its destination is placed after its label. */
    private record LinkEnd(String destination) {}

    /**
     * Flattens the inline content of a block into one text unit and analyses it.
     *
     * @return the unit's plain text
     */
    private String inlineUnit(Node block, boolean isHeading) {
        StringBuilder plain = new StringBuilder();
        List<Occurrence> explicit = new ArrayList<>();
        Deque<Object> stack = new ArrayDeque<>();
        pushInline(block, stack);
        while (!stack.isEmpty() && plain.length() < MAX_UNIT_CHARS) {
            Object item = stack.pop();
            if (item instanceof LinkEnd end) {
                destination(end.destination())
                        .ifPresent(u -> explicit.add(new Occurrence(plain.length(), plain.length(), u)));
            } else if (item instanceof Text t) {
                plain.append(t.getLiteral());
            } else if (item instanceof Code code) {
                plain.append(code.getLiteral());
                types.mention(code.getLiteral().trim());
            } else if (item instanceof SoftLineBreak || item instanceof HardLineBreak) {
                plain.append(' ');
            } else if (item instanceof HtmlInline html) {
                plain.append(html.getLiteral());
            } else if (item instanceof Image) {
                pushInline((Node) item, stack);
            } else if (item instanceof Link link) {
                stack.push(new LinkEnd(link.getDestination()));
                pushInline(link, stack);
            } else if (item instanceof Node node) {
                pushInline(node, stack);
            }
        }
        String unit = plain.toString();
        analyse(unit, explicit, isHeading ? "" : heading);
        return unit.trim();
    }

    private static void pushInline(Node node, Deque<Object> stack) {
        List<Node> children = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            children.add(child);
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            stack.push(children.get(i));
        }
    }

    private Optional<URI> destination(String destination) {
        if (destination == null || destination.isBlank() || destination.startsWith("#")) {
            return Optional.empty();
        }
        Optional<URI> absolute = Urls.absolute(destination);
        if (absolute.isPresent() || destination.contains("://") || destination.startsWith("mailto:")) {
            return absolute;
        }
        if (documentUri == null) {
            relativeLinksSkipped++;
            return Optional.empty();
        }
        return Urls.resolve(documentUri, destination);
    }

    private void linkUnit(String label, String destination) {
        List<Occurrence> explicit = new ArrayList<>();
        String unit = label == null ? "" : label;
        destination(destination).ifPresent(u -> explicit.add(new Occurrence(unit.length(), unit.length(), u)));
        analyse(unit, explicit, heading);
    }

    private void rawUnit(String raw) {
        String unit = raw.length() > MAX_UNIT_CHARS ? raw.substring(0, MAX_UNIT_CHARS) : raw;
        for (String lineText : unit.split("\n", -1)) {
            analyse(lineText, List.of(), heading);
        }
    }

    // --- labelled URLs -------------------------------------------------------------------------

    /** Classifies every URL of one text unit by its nearest label, its shape, and the heading. */
    private void analyse(String unit, List<Occurrence> explicit, String sectionHeading) {
        List<Occurrence> occurrences = new ArrayList<>(explicit);
        for (Urls.Found found : Urls.find(unit)) {
            occurrences.add(new Occurrence(found.start(), found.end(), found.uri()));
        }
        if (occurrences.isEmpty()) {
            return;
        }
        occurrences.sort((a, b) -> Integer.compare(a.start(), b.start()));
        char[] masked = unit.toLowerCase(Locale.ROOT).toCharArray();
        for (Occurrence o : occurrences) {
            for (int i = o.start(); i < o.end() && i < masked.length; i++) {
                masked[i] = ' ';
            }
        }
        List<Keyword> keywords = keywords(new String(masked));
        Role headingRole = headingRole(sectionHeading);
        for (Occurrence o : occurrences) {
            urls.rememberScheme(o.uri());
            Optional<Role> label = label(o, keywords, occurrences);
            boolean post = POST_BEFORE
                    .matcher(unit.substring(0, Math.min(o.start(), unit.length())))
                    .find();
            urls.classify(o.uri(), label.orElse(null), post ? headingRole : null, "text \"" + snippet(unit) + "\"");
        }
    }

    private static List<Keyword> keywords(String masked) {
        List<Keyword> keywords = new ArrayList<>();
        Matcher m = KEYWORDS.matcher(masked);
        while (m.find()) {
            Role role = m.group(1) != null
                    ? Role.REGISTER
                    : m.group(2) != null
                            ? Role.CLAIM
                            : m.group(3) != null ? Role.REVOCATION : m.group(4) != null ? Role.PRM : null;
            keywords.add(new Keyword(m.start(), m.end(), role));
        }
        return keywords;
    }

    /** Nearest keyword before the URL; else the nearest after it, if no other URL sits between. */
    private static Optional<Role> label(Occurrence o, List<Keyword> keywords, List<Occurrence> occurrences) {
        Keyword before = null;
        Keyword after = null;
        for (Keyword k : keywords) {
            if (k.end() <= o.start()) {
                before = k;
            } else if (k.start() >= o.end() && after == null) {
                after = k;
            }
        }
        if (before != null) {
            return Optional.ofNullable(before.role());
        }
        if (after != null) {
            for (Occurrence other : occurrences) {
                // identity: skip this very occurrence, not an equal one elsewhere
                @SuppressWarnings("ReferenceEquality")
                boolean self = other == o;
                if (!self && other.start() >= o.end() && other.start() < after.start()) {
                    return Optional.empty();
                }
            }
            return Optional.ofNullable(after.role());
        }
        return Optional.empty();
    }

    private static @Nullable Role headingRole(String sectionHeading) {
        Matcher m = HEADING_ROLE.matcher(sectionHeading);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? Role.REGISTER : m.group(2) != null ? Role.CLAIM : Role.REVOCATION;
    }

    private static String snippet(String unit) {
        String flat = unit.replaceAll("\\s+", " ").trim();
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }

    // --- tables ------------------------------------------------------------------------------

    private void table(MarkdownTable table) {
        List<Integer> codeColumns = new ArrayList<>();
        for (int i = 0; i < table.header().size(); i++) {
            String h = table.header().get(i).toLowerCase(Locale.ROOT);
            if (h.contains("code") || h.contains("error") || h.contains("alias")) {
                codeColumns.add(i);
            }
        }
        analyse(String.join(" | ", table.header()), List.of(), heading);
        for (List<String> row : table.rows()) {
            for (int column : codeColumns) {
                if (column < row.size() && errorCodes.size() < MAX_ERROR_CODES) {
                    String cell = row.get(column)
                            .replace("`", "")
                            .replace("\\", "")
                            .replace("*", "")
                            .trim();
                    Matcher m = CODE_TOKEN.matcher(cell);
                    if (m.find() && m.end() >= 3) {
                        errorCodes.add(m.group());
                    }
                }
            }
            String rowText = String.join(" | ", row);
            for (String cell : row) {
                types.mention(cell.replace("`", "").trim());
            }
            analyse(rowText, List.of(), heading);
        }
    }

    // --- code blocks -------------------------------------------------------------------------

    private void codeBlock(String info, String literal, int line) {
        String tag = info.isEmpty() ? "" : info.split("\\s+", 2)[0];
        String lower = tag.toLowerCase(Locale.ROOT);
        String trimmed = literal.trim();
        if (JSON_TAGS.contains(lower) || (lower.isEmpty() && (trimmed.startsWith("{") || trimmed.startsWith("[")))) {
            jsonExample(tag, literal, line);
            return;
        }
        Optional<HttpRequestBlock> request = HttpRequestBlock.parse(literal);
        if (request.isPresent() && (HTTP_TAGS.contains(lower) || lower.isEmpty())) {
            httpBlocks.add(new PendingHttp(request.get(), line, heading));
            return;
        }
        rawUnit(literal);
    }

    private void jsonExample(String tag, String literal, int line) {
        if (examples.size() >= MAX_EXAMPLES) {
            examplesSkipped++;
            return;
        }
        if (literal.length() > MAX_JSON_BLOCK_CHARS) {
            examples.add(AuthMdJsonExample.invalid(
                    heading,
                    tag,
                    line,
                    literal,
                    "block longer than " + MAX_JSON_BLOCK_CHARS + " characters; not parsed"));
            return;
        }
        AuthMdJsonReader.Parsed parsed = jsonReader.parse(literal);
        if (parsed.valid()) {
            examples.add(AuthMdJsonExample.valid(heading, tag, line, literal, parsed.value()));
            jsonReader.facts(parsed.value(), "JSON example at line " + line);
        } else {
            examples.add(AuthMdJsonExample.invalid(heading, tag, line, literal, parsed.error()));
            jsonReader.looseFacts(literal, "JSON-like example at line " + line);
            rawUnit(literal);
        }
    }

    // --- http blocks -------------------------------------------------------------------------

    private void processHttpBlocks() {
        for (PendingHttp pending : httpBlocks) {
            HttpRequestBlock request = pending.request();
            String source = "http block at line " + pending.line();
            Optional<URI> uri = requestUri(request, pending.line());
            Object body = null;
            if (request.mediaType().contains("json") || request.body().startsWith("{")) {
                AuthMdJsonReader.Parsed parsed = jsonReader.parse(request.body());
                if (parsed.valid()) {
                    body = parsed.value();
                    jsonReader.facts(body, source);
                } else if (!request.body().isEmpty()) {
                    jsonReader.looseFacts(request.body(), source);
                }
            }
            if (uri.isEmpty()) {
                continue;
            }
            Role role = httpRole(request, uri.get(), body, pending.heading());
            if (role == Role.CLAIM) {
                urls.add(
                        Role.CLAIM,
                        AuthMdUrlCandidates.claimBase(uri.get()).orElse(uri.get()),
                        AuthMdUrlCandidates.RANK_HTTP,
                        source);
            } else if (role != null) {
                urls.add(role, uri.get(), AuthMdUrlCandidates.RANK_HTTP, source);
            } else {
                urls.classify(uri.get(), null, null, source);
            }
        }
    }

    private Optional<URI> requestUri(HttpRequestBlock request, int line) {
        String target = request.target();
        Optional<URI> absolute = Urls.absolute(target);
        if (absolute.isPresent()) {
            return absolute;
        }
        if (!target.startsWith("/")) {
            return Optional.empty();
        }
        Optional<String> host = request.header("host").map(String::trim).filter(h -> !h.isEmpty());
        if (host.isPresent()) {
            String authority = host.get().toLowerCase(Locale.ROOT);
            String scheme = urls.schemeFor(authority);
            Optional<URI> uri = Urls.absolute(scheme + "://" + authority + target);
            if (uri.isEmpty()) {
                reason("http block at line " + line + ": Host header and path do not form a URL");
            }
            return uri;
        }
        if (documentUri != null) {
            return Urls.resolve(documentUri, target);
        }
        reason("http block at line " + line + " has a relative path and no Host header; its URL is unknown");
        return Optional.empty();
    }

    private static @Nullable Role httpRole(
            HttpRequestBlock request, URI uri, @Nullable Object body, String sectionHeading) {
        if (Urls.isProtectedResourceMetadata(uri)
                || Urls.isAuthorizationServerMetadata(uri)
                || !request.method().equals("POST")) {
            return null;
        }
        String path = AuthMdUrlCandidates.trimSlash(Urls.path(uri).toLowerCase(Locale.ROOT));
        String media = request.mediaType();
        Map<?, ?> fields = body instanceof Map<?, ?> map ? map : Map.of();
        if (media.equals(Wire.LOGOUT_CONTENT_TYPE)
                || request.body().startsWith("logout_token=")
                || path.endsWith("/revoke")
                || path.endsWith("/revocation")) {
            return Role.REVOCATION;
        }
        if (AuthMdUrlCandidates.claimBase(uri).isPresent()
                || path.endsWith("/claim")
                || (fields.containsKey("claim_token") && !fields.containsKey("type"))) {
            return Role.CLAIM;
        }
        if (fields.containsKey("type") || fields.containsKey("assertion_type")) {
            return Role.REGISTER;
        }
        return headingRole(sectionHeading);
    }

    // --- resolution ----------------------------------------------------------------------------

    AuthMdDocument.Builder result() {
        AuthMdDocument.Builder b = AuthMdDocument.builder();
        urls.resolve(b);
        types.resolve(b);
        b.jsonExamples(examples);
        b.errorCodes(List.copyOf(errorCodes));
        if (relativeLinksSkipped > 0) {
            reason(relativeLinksSkipped + " relative link(s) ignored: no document URI was given to resolve them");
        }
        if (examplesSkipped > 0) {
            reason(examplesSkipped + " JSON block(s) beyond the first " + MAX_EXAMPLES + " were not kept");
        }
        for (AuthMdJsonExample e : examples) {
            e.invalidReason().ifPresent(r -> reason("JSON example at line " + e.line() + " kept as text: " + r));
        }
        if (errorCodes.isEmpty()) {
            reason("no error table found (a table with a column headed \"code\" or \"error\")");
        }
        b.reasons(reasons);
        return b;
    }
}
