package dev.authmd.core.authmd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authmd.core.internal.authmd.HttpRequestBlock;
import dev.authmd.core.internal.authmd.MarkdownTable;
import dev.authmd.core.internal.authmd.Urls;
import dev.authmd.core.internal.authmd.Wire;
import dev.authmd.core.metadata.WellKnownUris;
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

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass over one document: walks the CommonMark tree without recursion, collects URL
 * candidates with a rank per source, JSON examples and facts, table error codes and reasons,
 * then resolves them into an {@link AuthMdDocument}. Not thread-safe; one instance per parse.
 */
final class AuthMdExtraction {

    /** What a URL can be. */
    private enum Role {
        PRM("protected resource metadata URL"),
        AS("authorization server metadata URL"),
        REGISTER("register_uri"),
        CLAIM("claim_uri"),
        REVOCATION("revocation_uri");

        private final String label;

        Role(String label) {
            this.label = label;
        }
    }

    /** Ranks: a higher rank wins; at or above {@link #RANK_REPORTED} disagreements are reported. */
    private static final int RANK_JSON = 100;
    private static final int RANK_JSON_LOOSE = 90;
    private static final int RANK_WELL_KNOWN = 80;
    private static final int RANK_LABEL = 70;
    private static final int RANK_HTTP = 50;
    private static final int RANK_REPORTED = RANK_HTTP;
    private static final int RANK_HEADING = 40;
    private static final int RANK_DERIVED = 30;
    private static final int RANK_PATTERN = 20;

    private static final int MAX_REASONS = 100;
    private static final int MAX_EXAMPLES = 256;
    private static final int MAX_JSON_BLOCK_CHARS = 256 * 1024;
    private static final int MAX_CANDIDATES = 2000;
    private static final int MAX_ERROR_CODES = 500;
    private static final int MAX_UNIT_CHARS = 64 * 1024;

    private static final Pattern KEYWORDS = Pattern.compile(
            "\\b(?:(regist(?:er|ers|ered|ering|ration|rations)(?:_uri)?)"
                    + "|(claim(?:_uri|_url)?)"
                    + "|(revo(?:ke|kes|king|cation)(?:_uri)?|logout(?:_token)?)"
                    + "|(resource_metadata)"
                    + "|(events?|events_supported|skill|documentation|docs))\\b");
    private static final Pattern POST_BEFORE = Pattern.compile("(?i)\\bpost\\s*$");
    private static final Pattern HEADING_ROLE = Pattern.compile(
            "(?i)\\b(?:(regist\\w*)|(claim\\w*)|(revo\\w*|logout))");
    private static final Pattern CODE_TOKEN = Pattern.compile("^[a-z][a-z0-9]*(?:_[a-z0-9]+)*");
    private static final Pattern TYPE_TOKEN = Pattern.compile("[A-Za-z0-9_.:+/-]{1,200}");
    private static final Pattern LOOSE_URI_KEY = Pattern.compile(
            "\"(register_uri|claim_uri|claim_url|revocation_uri)\"\\s*:\\s*\"([^\"\\s]{1,2048})\"");
    private static final Pattern LOOSE_STRING_KEY = Pattern.compile(
            "\"(type|assertion_type|requested_credential_type|credential_type)\"\\s*:\\s*\"([^\"\\s]{1,200})\"");
    private static final Pattern LOOSE_ARRAY_KEY = Pattern.compile(
            "\"(identity_types_supported|assertion_types_supported|credential_types_supported)\"\\s*:\\s*\\[([^\\]]{0,2000})\\]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,200})\"");
    private static final Set<String> JSON_TAGS = Set.of("json", "jsonc", "json5", "application/json");
    private static final Set<String> HTTP_TAGS = Set.of("http", "https", "httpspec", "rest");

    private final Parser markdownParser;
    private final ObjectMapper json;
    private final URI documentUri;

    private final Map<Role, List<Candidate>> candidates = new EnumMap<>(Role.class);
    private final List<AuthMdJsonExample> examples = new ArrayList<>();
    private final List<PendingHttp> httpBlocks = new ArrayList<>();
    private final Map<String, String> schemeByAuthority = new HashMap<>();
    private final Set<String> errorCodes = new LinkedHashSet<>();
    private final List<String> reasons = new ArrayList<>();
    private final Facts meta = new Facts();
    private final Facts example = new Facts();
    private final Facts mentioned = new Facts();
    private String heading = "";
    private int relativeLinksSkipped;
    private int examplesSkipped;

    private record Candidate(URI uri, int rank, String source) {
    }

    private record PendingHttp(HttpRequestBlock request, int line, String heading) {
    }

    private record Occurrence(int start, int end, URI uri) {
    }

    private record Keyword(int start, int end, Role role) {
    }

    /** Identity, assertion and credential types seen in one kind of source. */
    private static final class Facts {
        private final Set<String> identityTypes = new LinkedHashSet<>();
        private final Set<String> assertionTypes = new LinkedHashSet<>();
        private final Set<String> credentialTypes = new LinkedHashSet<>();
        private final Map<String, Set<String>> credentialsByIdentity = new LinkedHashMap<>();

        void credential(String identityType, String credentialType) {
            credentialTypes.add(credentialType);
            if (identityType != null) {
                credentialsByIdentity.computeIfAbsent(identityType, k -> new LinkedHashSet<>()).add(credentialType);
            }
        }
    }

    AuthMdExtraction(Parser markdownParser, ObjectMapper json, URI documentUri) {
        this.markdownParser = markdownParser;
        this.json = json;
        this.documentUri = documentUri;
        if (documentUri != null) {
            schemeByAuthority.put(Urls.authority(documentUri), documentUri.getScheme().toLowerCase(Locale.ROOT));
        }
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
    private record LinkEnd(String destination) {
    }

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
                destination(end.destination()).ifPresent(u -> explicit.add(new Occurrence(plain.length(), plain.length(), u)));
            } else if (item instanceof Text t) {
                plain.append(t.getLiteral());
            } else if (item instanceof Code code) {
                plain.append(code.getLiteral());
                textToken(code.getLiteral().trim());
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
            rememberScheme(o.uri());
            Optional<Role> label = label(o, keywords, occurrences);
            boolean post = POST_BEFORE.matcher(unit.substring(0, Math.min(o.start(), unit.length()))).find();
            classify(o.uri(), label.orElse(null), post ? headingRole : null, "text \"" + snippet(unit) + "\"");
        }
    }

    private static List<Keyword> keywords(String masked) {
        List<Keyword> keywords = new ArrayList<>();
        Matcher m = KEYWORDS.matcher(masked);
        while (m.find()) {
            Role role = m.group(1) != null ? Role.REGISTER
                    : m.group(2) != null ? Role.CLAIM
                    : m.group(3) != null ? Role.REVOCATION
                    : m.group(4) != null ? Role.PRM
                    : null;
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
                if (other != o && other.start() >= o.end() && other.start() < after.start()) {
                    return Optional.empty();
                }
            }
            return Optional.ofNullable(after.role());
        }
        return Optional.empty();
    }

    private static Role headingRole(String sectionHeading) {
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

    /**
     * Adds the candidates one URL supports: well-known shapes first, then its label, then the
     * section heading (only for {@code POST url}), then path shapes alone.
     */
    private void classify(URI uri, Role label, Role headingRole, String source) {
        if (Urls.isProtectedResourceMetadata(uri)) {
            add(Role.PRM, uri, RANK_WELL_KNOWN, source);
            return;
        }
        if (Urls.isAuthorizationServerMetadata(uri)) {
            add(Role.AS, uri, RANK_WELL_KNOWN, source);
            return;
        }
        String path = trimSlash(Urls.path(uri).toLowerCase(Locale.ROOT));
        Optional<URI> claimBase = claimBase(uri);
        boolean claimShaped = path.endsWith("/claim") || claimBase.isPresent();
        boolean revokeShaped = path.endsWith("/revoke") || path.endsWith("/revocation");
        boolean document = path.endsWith(".md") || path.contains("/.well-known/");
        if (label == Role.REGISTER && !claimShaped && !revokeShaped && !document) {
            add(Role.REGISTER, uri, RANK_LABEL, source);
        } else if (label == Role.CLAIM && !revokeShaped && !document) {
            if (claimBase.isPresent()) {
                add(Role.CLAIM, claimBase.get(), RANK_DERIVED, source + " (claim sub-endpoint)");
            } else {
                add(Role.CLAIM, uri, RANK_LABEL, source);
            }
        } else if (label == Role.REVOCATION && !claimShaped && !document) {
            add(Role.REVOCATION, uri, RANK_LABEL, source);
        } else if (label == null && headingRole != null && !document) {
            if (headingRole == Role.REGISTER && !claimShaped && !revokeShaped) {
                add(Role.REGISTER, uri, RANK_HEADING, source + " under heading");
            } else if (headingRole == Role.CLAIM && !revokeShaped) {
                add(Role.CLAIM, claimBase.orElse(uri), RANK_HEADING, source + " under heading");
            } else if (headingRole == Role.REVOCATION && !claimShaped) {
                add(Role.REVOCATION, uri, RANK_HEADING, source + " under heading");
            }
        }
        patternOnly(uri, path, claimBase, source);
    }

    private void patternOnly(URI uri, String path, Optional<URI> claimBase, String source) {
        if (path.endsWith("/claim")) {
            add(Role.CLAIM, uri, RANK_PATTERN, source);
        } else if (claimBase.isPresent()) {
            add(Role.CLAIM, claimBase.get(), RANK_PATTERN, source);
        } else if (path.endsWith("/revoke") || path.endsWith("/revocation")) {
            add(Role.REVOCATION, uri, RANK_PATTERN, source);
        } else if (path.endsWith("/agent/auth") || path.endsWith("/register") || path.endsWith("/registration")) {
            add(Role.REGISTER, uri, RANK_PATTERN, source);
        }
    }

    /** {@code …/claim/complete}, {@code …/claim/view}, {@code …/claim/attempt/challenge} → {@code …/claim}. */
    private static Optional<URI> claimBase(URI uri) {
        String path = trimSlash(Urls.path(uri));
        String lower = path.toLowerCase(Locale.ROOT);
        for (String suffix : List.of("/complete", "/view", "/attempt/challenge")) {
            if (lower.endsWith("/claim" + suffix)) {
                String base = path.substring(0, path.length() - suffix.length());
                return Urls.absolute(uri.getScheme() + "://" + uri.getRawAuthority() + base);
            }
        }
        return Optional.empty();
    }

    private static String trimSlash(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private void add(Role role, URI uri, int rank, String source) {
        List<Candidate> list = candidates.computeIfAbsent(role, r -> new ArrayList<>());
        if (list.size() < MAX_CANDIDATES) {
            list.add(new Candidate(uri, rank, source));
        }
    }

    private void rememberScheme(URI uri) {
        schemeByAuthority.putIfAbsent(Urls.authority(uri), uri.getScheme().toLowerCase(Locale.ROOT));
    }

    /** Records exact protocol tokens written as code spans (the fallback when no JSON says so). */
    private void textToken(String token) {
        if (token.contains(Wire.ID_JAG)) {
            mentioned.assertionTypes.add(Wire.ID_JAG);
            mentioned.identityTypes.add(Wire.IDENTITY_ASSERTION);
        }
        switch (token) {
            case Wire.VERIFIED_EMAIL -> {
                mentioned.assertionTypes.add(Wire.VERIFIED_EMAIL);
                mentioned.identityTypes.add(Wire.IDENTITY_ASSERTION);
            }
            case Wire.IDENTITY_ASSERTION, Wire.ANONYMOUS -> mentioned.identityTypes.add(token);
            case "access_token", "api_key" -> mentioned.credentialTypes.add(token);
            default -> {
                // not a protocol token
            }
        }
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
                    String cell = row.get(column).replace("`", "").replace("\\", "").replace("*", "").trim();
                    Matcher m = CODE_TOKEN.matcher(cell);
                    if (m.find() && m.end() >= 3) {
                        errorCodes.add(m.group());
                    }
                }
            }
            String rowText = String.join(" | ", row);
            for (String cell : row) {
                textToken(cell.replace("`", "").trim());
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
            examples.add(AuthMdJsonExample.invalid(heading, tag, line, literal,
                    "block longer than " + MAX_JSON_BLOCK_CHARS + " characters; not parsed"));
            return;
        }
        Optional<Object> value = parseJson(literal);
        if (value.isPresent()) {
            Object frozen = freeze(value.get());
            examples.add(AuthMdJsonExample.valid(heading, tag, line, literal, frozen == NULL ? null : frozen));
            jsonFacts(frozen, null, 0, "JSON example at line " + line);
        } else {
            examples.add(AuthMdJsonExample.invalid(heading, tag, line, literal, lastJsonError));
            looseJsonFacts(literal, "JSON-like example at line " + line);
            rawUnit(literal);
        }
    }

    private static final Object NULL = new Object();
    private String lastJsonError = "";

    /** @return the value (or {@link #NULL} for JSON {@code null}); empty with {@link #lastJsonError} set on failure */
    private Optional<Object> parseJson(String literal) {
        try {
            Object value = json.readValue(literal, Object.class);
            return Optional.of(value == null ? NULL : value);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            message = message.replaceAll("\\s+", " ");
            if (message.length() > 160) {
                message = message.substring(0, 157) + "...";
            }
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            lastJsonError = "not valid JSON" + at + ": " + message;
            return Optional.empty();
        } catch (RuntimeException e) {
            lastJsonError = "not valid JSON: " + e.getClass().getSimpleName();
            return Optional.empty();
        }
    }

    /** Deep copy into unmodifiable collections (values may be null). Depth is bounded by the JSON limits. */
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private void jsonFacts(Object value, String parentKey, int depth, String source) {
        if (depth > 64) {
            return;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                jsonFacts(item, parentKey, depth + 1, source);
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            if (value instanceof String s) {
                Urls.absolute(s).ifPresent(u -> {
                    rememberScheme(u);
                    classify(u, null, null, source);
                });
            }
            return;
        }
        jsonUri(map.get("register_uri"), Role.REGISTER, RANK_JSON, source + ", key register_uri");
        jsonUri(map.get("claim_uri"), Role.CLAIM, RANK_JSON, source + ", key claim_uri");
        jsonUri(map.get("claim_url"), Role.CLAIM, RANK_JSON_LOOSE, source + ", key claim_url");
        jsonUri(map.get("revocation_uri"), Role.REVOCATION, RANK_JSON, source + ", key revocation_uri");
        strings(map.get("identity_types_supported")).forEach(meta.identityTypes::add);
        strings(map.get("assertion_types_supported")).forEach(meta.assertionTypes::add);
        String identity = Wire.ANONYMOUS.equals(parentKey) || Wire.IDENTITY_ASSERTION.equals(parentKey) ? parentKey : null;
        strings(map.get("credential_types_supported")).forEach(t -> meta.credential(identity, t));
        Object type = map.get("type");
        String requestIdentity = null;
        if (Wire.ANONYMOUS.equals(type) || Wire.IDENTITY_ASSERTION.equals(type)) {
            requestIdentity = (String) type;
            example.identityTypes.add(requestIdentity);
        }
        if (map.get("assertion_type") instanceof String assertionType && TYPE_TOKEN.matcher(assertionType).matches()) {
            example.assertionTypes.add(assertionType);
        }
        if (map.get("requested_credential_type") instanceof String requested && TYPE_TOKEN.matcher(requested).matches()) {
            example.credential(requestIdentity, requested);
        }
        if (map.get("credential_type") instanceof String issued && TYPE_TOKEN.matcher(issued).matches()) {
            example.credential(null, issued);
        }
        if (map.containsKey("agent_auth") && map.get("issuer") instanceof String issuer) {
            derived(issuer, Role.AS, source + ", key issuer");
        }
        if (map.containsKey("authorization_servers") && map.get("resource") instanceof String resource) {
            derived(resource, Role.PRM, source + ", key resource");
            List<String> servers = strings(map.get("authorization_servers"));
            if (!servers.isEmpty()) {
                derived(servers.get(0), Role.AS, source + ", key authorization_servers");
            }
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!key.endsWith("_uri") && !key.equals("claim_url")) {
                jsonFacts(entry.getValue(), key, depth + 1, source);
            }
        }
    }

    private void jsonUri(Object value, Role role, int rank, String source) {
        if (value instanceof String s) {
            Optional<URI> uri = Urls.absolute(s);
            if (uri.isPresent()) {
                rememberScheme(uri.get());
                add(role, uri.get(), rank, source);
            } else if (documentUri != null && s.startsWith("/")) {
                Urls.resolve(documentUri, s).ifPresent(u -> add(role, u, rank, source));
            }
        }
    }

    private void derived(String identifier, Role role, String source) {
        Optional<URI> uri = Urls.absolute(identifier);
        if (uri.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
            return;
        }
        rememberScheme(uri.get());
        add(role, role == Role.PRM ? WellKnownUris.protectedResourceMetadata(uri.get())
                : WellKnownUris.authorizationServerMetadata(uri.get()), RANK_DERIVED, source);
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String s && TYPE_TOKEN.matcher(s).matches()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Facts from a block that looks like JSON but does not parse (placeholders, comments, ellipses). */
    private void looseJsonFacts(String literal, String source) {
        Matcher uris = LOOSE_URI_KEY.matcher(literal);
        while (uris.find()) {
            Role role = switch (uris.group(1)) {
                case "register_uri" -> Role.REGISTER;
                case "revocation_uri" -> Role.REVOCATION;
                default -> Role.CLAIM;
            };
            jsonUri(uris.group(2), role, RANK_JSON_LOOSE, source + ", key " + uris.group(1));
        }
        Matcher strings = LOOSE_STRING_KEY.matcher(literal);
        while (strings.find()) {
            String value = strings.group(2);
            switch (strings.group(1)) {
                case "type" -> {
                    if (value.equals(Wire.ANONYMOUS) || value.equals(Wire.IDENTITY_ASSERTION)) {
                        example.identityTypes.add(value);
                    }
                }
                case "assertion_type" -> example.assertionTypes.add(value);
                default -> example.credential(null, value);
            }
        }
        Matcher arrays = LOOSE_ARRAY_KEY.matcher(literal);
        while (arrays.find()) {
            Matcher quoted = QUOTED.matcher(arrays.group(2));
            while (quoted.find()) {
                String value = quoted.group(1);
                if (!TYPE_TOKEN.matcher(value).matches()) {
                    continue;
                }
                switch (arrays.group(1)) {
                    case "identity_types_supported" -> meta.identityTypes.add(value);
                    case "assertion_types_supported" -> meta.assertionTypes.add(value);
                    default -> meta.credential(null, value);
                }
            }
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
                Optional<Object> parsed = parseJson(request.body());
                if (parsed.isPresent()) {
                    body = freeze(parsed.get());
                    jsonFacts(body, null, 0, source);
                } else if (!request.body().isEmpty()) {
                    looseJsonFacts(request.body(), source);
                }
            }
            if (uri.isEmpty()) {
                continue;
            }
            Role role = httpRole(request, uri.get(), body, pending.heading());
            if (role == Role.CLAIM) {
                add(Role.CLAIM, claimBase(uri.get()).orElse(uri.get()), RANK_HTTP, source);
            } else if (role != null) {
                add(role, uri.get(), RANK_HTTP, source);
            } else {
                classify(uri.get(), null, null, source);
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
            String scheme = schemeByAuthority.getOrDefault(authority, "https");
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

    private static Role httpRole(HttpRequestBlock request, URI uri, Object body, String sectionHeading) {
        if (Urls.isProtectedResourceMetadata(uri) || Urls.isAuthorizationServerMetadata(uri)
                || !request.method().equals("POST")) {
            return null;
        }
        String path = trimSlash(Urls.path(uri).toLowerCase(Locale.ROOT));
        String media = request.mediaType();
        Map<?, ?> fields = body instanceof Map<?, ?> map ? map : Map.of();
        if (media.equals(Wire.LOGOUT_CONTENT_TYPE) || request.body().startsWith("logout_token=")
                || path.endsWith("/revoke") || path.endsWith("/revocation")) {
            return Role.REVOCATION;
        }
        if (claimBase(uri).isPresent() || path.endsWith("/claim")
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
        pick(Role.PRM).ifPresent(b::protectedResourceMetadataUri);
        b.authorizationServerMetadataUris(asMetadata());
        pick(Role.REGISTER).ifPresent(b::registerUri);
        pick(Role.CLAIM).ifPresent(b::claimUri);
        pick(Role.REVOCATION).ifPresent(b::revocationUri);
        types(b);
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

    private Optional<URI> pick(Role role) {
        List<Candidate> list = candidates.getOrDefault(role, List.of());
        if (list.isEmpty()) {
            reason(role.label + " not found");
            return Optional.empty();
        }
        int best = list.stream().mapToInt(Candidate::rank).max().orElse(0);
        Candidate chosen = list.stream().filter(c -> c.rank() == best).findFirst().orElseThrow();
        reportDisagreement(role, chosen, list.stream()
                .filter(c -> c.rank() >= RANK_REPORTED && !same(c.uri(), chosen.uri())).toList());
        if (best < RANK_HTTP) {
            reason(role.label + " guessed from weak evidence (" + chosen.source() + "): " + chosen.uri());
        }
        return Optional.of(chosen.uri());
    }

    private void reportDisagreement(Role role, Candidate chosen, List<Candidate> others) {
        if (others.isEmpty()) {
            return;
        }
        Set<String> distinct = new LinkedHashSet<>();
        others.forEach(c -> distinct.add(c.uri() + " (" + c.source() + ")"));
        reason(role.label + " is ambiguous: using " + chosen.uri() + " (" + chosen.source() + "); also found "
                + String.join(", ", distinct));
    }

    private List<URI> asMetadata() {
        List<Candidate> list = candidates.getOrDefault(Role.AS, List.of());
        if (list.isEmpty()) {
            reason(Role.AS.label + " not found");
            return List.of();
        }
        int best = list.stream().mapToInt(Candidate::rank).max().orElse(0);
        int floor = Math.min(best, RANK_REPORTED);
        List<Candidate> considered = list.stream().filter(c -> c.rank() >= floor).toList();
        Candidate top = considered.stream().filter(c -> c.rank() == best).findFirst().orElseThrow();
        String issuer = Urls.issuerOfMetadata(top.uri());
        List<URI> uris = new ArrayList<>();
        considered.stream().filter(c -> Urls.issuerOfMetadata(c.uri()).equals(issuer) && Urls.isInsertedForm(c.uri()))
                .findFirst().ifPresent(c -> uris.add(c.uri()));
        for (Candidate c : considered) {
            if (Urls.issuerOfMetadata(c.uri()).equals(issuer) && uris.stream().noneMatch(u -> same(u, c.uri()))) {
                uris.add(c.uri());
            }
        }
        List<Candidate> others = considered.stream()
                .filter(c -> !Urls.issuerOfMetadata(c.uri()).equals(issuer)).toList();
        reportDisagreement(Role.AS, top, others);
        others.forEach(c -> {
            if (uris.stream().noneMatch(u -> same(u, c.uri()))) {
                uris.add(c.uri());
            }
        });
        if (best < RANK_HTTP) {
            reason(Role.AS.label + " derived from weak evidence (" + top.source() + "): " + uris.get(0));
        }
        return uris;
    }

    private static boolean same(URI a, URI b) {
        return a.toString().equals(b.toString());
    }

    private void types(AuthMdDocument.Builder b) {
        Set<String> identity = choose(meta.identityTypes, example.identityTypes, mentioned.identityTypes,
                "identity types", true);
        boolean assertionsExpected = identity.isEmpty() || identity.contains(Wire.IDENTITY_ASSERTION);
        Set<String> assertion = choose(meta.assertionTypes, example.assertionTypes, mentioned.assertionTypes,
                "assertion types", assertionsExpected);
        Set<String> credential = choose(meta.credentialTypes, example.credentialTypes, mentioned.credentialTypes,
                "credential types", true);
        if (meta.identityTypes.isEmpty() && !assertion.isEmpty()) {
            identity.add(Wire.IDENTITY_ASSERTION);
        }
        b.identityTypes(identity).assertionTypes(assertion).credentialTypes(credential);
        Map<String, Set<String>> byIdentity = new LinkedHashMap<>(
                meta.credentialsByIdentity.isEmpty() ? example.credentialsByIdentity : meta.credentialsByIdentity);
        byIdentity.keySet().retainAll(identity);
        b.credentialTypesByIdentityType(byIdentity);
    }

    private Set<String> choose(Set<String> fromMetadata, Set<String> fromExamples, Set<String> fromText, String what,
            boolean expected) {
        if (!fromMetadata.isEmpty()) {
            Set<String> extra = new LinkedHashSet<>(fromExamples);
            extra.removeAll(fromMetadata);
            if (!extra.isEmpty()) {
                reason("examples use " + what + " " + extra + " that the metadata example does not list");
            }
            return new LinkedHashSet<>(fromMetadata);
        }
        if (!fromExamples.isEmpty()) {
            return new LinkedHashSet<>(fromExamples);
        }
        if (!fromText.isEmpty()) {
            reason(what + " inferred from code spans in the text, not from JSON examples: " + fromText);
            return new LinkedHashSet<>(fromText);
        }
        if (expected) {
            reason("no " + what + " found");
        }
        return new LinkedHashSet<>();
    }
}
