package dev.authmd.protocol.authmd;

import dev.authmd.protocol.internal.authmd.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The URLs one document names, each as a ranked candidate for a role (discovery document or endpoint), and the choice
 * among them: the highest rank wins, the first of equals wins, and disagreements at or above {@link #RANK_REPORTED}
 * become reasons. Not thread-safe.
 */
final class AuthMdUrlCandidates {

    /** What a URL can be. */
    enum Role {
        PRM("protected resource metadata URL"),
        AS("authorization server metadata URL"),
        REGISTER("register_uri"),
        CLAIM("claim_uri"),
        REVOCATION("revocation_uri"),
        /** The current profile's endpoints: read from JSON keys only, and never reported missing. */
        IDENTITY("identity_endpoint", true),
        TOKEN("token_endpoint", true),
        TOKEN_REVOCATION("revocation_endpoint", true),
        EVENTS("events_endpoint", true);

        private final String label;
        private final boolean optional;

        Role(String label) {
            this(label, false);
        }

        Role(String label, boolean optional) {
            this.label = label;
            this.optional = optional;
        }
    }

    /** A JSON key naming the role ({@code "register_uri"}). */
    static final int RANK_JSON = 100;
    /** A near-synonym JSON key ({@code "claim_url"}) or a key found in a block that is not valid JSON. */
    static final int RANK_JSON_LOOSE = 90;
    /** A well-known metadata path. */
    static final int RANK_WELL_KNOWN = 80;
    /** A URL next to a label such as "Register" or "logout token". */
    static final int RANK_LABEL = 70;
    /** An {@code http} request block. */
    static final int RANK_HTTP = 50;
    /** Disagreements at or above this rank are reported; below it, a choice is reported as a guess. */
    static final int RANK_REPORTED = RANK_HTTP;
    /** {@code POST url} under a heading that names the role. */
    static final int RANK_HEADING = 40;
    /** Derived: a claim sub-endpoint, or metadata URLs built from identifiers. */
    static final int RANK_DERIVED = 30;
    /** A path shape alone ({@code …/claim}, {@code …/revoke}). */
    static final int RANK_PATTERN = 20;

    private static final int MAX_CANDIDATES = 2000;

    private record Candidate(URI uri, int rank, String source) {}

    private final Map<Role, List<Candidate>> candidates = new EnumMap<>(Role.class);
    private final Map<String, String> schemeByAuthority = new HashMap<>();
    private final Consumer<String> reasons;

    AuthMdUrlCandidates(@Nullable URI documentUri, Consumer<String> reasons) {
        this.reasons = reasons;
        if (documentUri != null) {
            rememberScheme(documentUri);
        }
    }

    /** Notes the scheme an authority is written with, so a {@code Host} header can be completed. */
    void rememberScheme(URI uri) {
        schemeByAuthority.putIfAbsent(Urls.authority(uri), uri.getScheme().toLowerCase(Locale.ROOT));
    }

    /**
     * {@return the scheme first seen with it (the document URI's first); https when never seen}
     *
     * @param authority {@code host[:port]}, lower-case
     */
    String schemeFor(String authority) {
        return schemeByAuthority.getOrDefault(authority, "https");
    }

    /**
     * Adds the candidates one URL supports: well-known shapes first, then its label, then the section heading (only for
     * {@code POST url}), then path shapes alone.
     */
    void classify(URI uri, @Nullable Role label, @Nullable Role headingRole, String source) {
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
    static Optional<URI> claimBase(URI uri) {
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

    static String trimSlash(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    void add(Role role, URI uri, int rank, String source) {
        List<Candidate> list = candidates.computeIfAbsent(role, r -> new ArrayList<>());
        if (list.size() < MAX_CANDIDATES) {
            list.add(new Candidate(uri, rank, source));
        }
    }

    /** Resolves every role into the builder; what is missing or ambiguous becomes a reason. */
    void resolve(AuthMdDocument.Builder b) {
        pick(Role.PRM).ifPresent(b::protectedResourceMetadataUri);
        b.authorizationServerMetadataUris(asMetadata());
        pick(Role.REGISTER).ifPresent(b::registerUri);
        pick(Role.CLAIM).ifPresent(b::claimUri);
        pick(Role.REVOCATION).ifPresent(b::revocationUri);
        pick(Role.IDENTITY).ifPresent(b::identityEndpoint);
        pick(Role.TOKEN).ifPresent(b::tokenEndpoint);
        pick(Role.TOKEN_REVOCATION).ifPresent(b::tokenRevocationEndpoint);
        pick(Role.EVENTS).ifPresent(b::eventsEndpoint);
    }

    private Optional<URI> pick(Role role) {
        List<Candidate> list = candidates.getOrDefault(role, List.of());
        if (list.isEmpty()) {
            if (!role.optional) {
                reasons.accept(role.label + " not found");
            }
            return Optional.empty();
        }
        int best = list.stream().mapToInt(Candidate::rank).max().orElse(0);
        Candidate chosen =
                list.stream().filter(c -> c.rank() == best).findFirst().orElseThrow();
        reportDisagreement(
                role,
                chosen,
                list.stream()
                        .filter(c -> c.rank() >= RANK_REPORTED && !same(c.uri(), chosen.uri()))
                        .toList());
        if (best < RANK_HTTP) {
            reasons.accept(role.label + " guessed from weak evidence (" + chosen.source() + "): " + chosen.uri());
        }
        return Optional.of(chosen.uri());
    }

    private void reportDisagreement(Role role, Candidate chosen, List<Candidate> others) {
        if (others.isEmpty()) {
            return;
        }
        Set<String> distinct = new LinkedHashSet<>();
        others.forEach(c -> distinct.add(c.uri() + " (" + c.source() + ")"));
        reasons.accept(role.label + " is ambiguous: using " + chosen.uri() + " (" + chosen.source() + "); also found "
                + String.join(", ", distinct));
    }

    private List<URI> asMetadata() {
        List<Candidate> list = candidates.getOrDefault(Role.AS, List.of());
        if (list.isEmpty()) {
            reasons.accept(Role.AS.label + " not found");
            return List.of();
        }
        int best = list.stream().mapToInt(Candidate::rank).max().orElse(0);
        int floor = Math.min(best, RANK_REPORTED);
        List<Candidate> considered =
                list.stream().filter(c -> c.rank() >= floor).toList();
        Candidate top =
                considered.stream().filter(c -> c.rank() == best).findFirst().orElseThrow();
        String issuer = Urls.issuerOfMetadata(top.uri());
        List<URI> uris = new ArrayList<>();
        considered.stream()
                .filter(c -> Urls.issuerOfMetadata(c.uri()).equals(issuer) && Urls.isInsertedForm(c.uri()))
                .findFirst()
                .ifPresent(c -> uris.add(c.uri()));
        for (Candidate c : considered) {
            if (Urls.issuerOfMetadata(c.uri()).equals(issuer) && uris.stream().noneMatch(u -> same(u, c.uri()))) {
                uris.add(c.uri());
            }
        }
        List<Candidate> others = considered.stream()
                .filter(c -> !Urls.issuerOfMetadata(c.uri()).equals(issuer))
                .toList();
        reportDisagreement(Role.AS, top, others);
        others.forEach(c -> {
            if (uris.stream().noneMatch(u -> same(u, c.uri()))) {
                uris.add(c.uri());
            }
        });
        if (best < RANK_HTTP) {
            reasons.accept(Role.AS.label + " derived from weak evidence (" + top.source() + "): " + uris.get(0));
        }
        return uris;
    }

    private static boolean same(URI a, URI b) {
        return a.toString().equals(b.toString());
    }
}
