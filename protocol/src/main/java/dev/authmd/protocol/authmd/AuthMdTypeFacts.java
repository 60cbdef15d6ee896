package dev.authmd.protocol.authmd;

import dev.authmd.protocol.internal.authmd.Wire;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Identity, assertion and credential types one document names, by strength of source: the metadata example's
 * {@code *_supported} arrays, then request and response examples, then exact protocol tokens in code spans. Not
 * thread-safe.
 */
final class AuthMdTypeFacts {

    /** Types seen in one kind of source. */
    static final class Facts {
        final Set<String> identityTypes = new LinkedHashSet<>();
        final Set<String> assertionTypes = new LinkedHashSet<>();
        final Set<String> credentialTypes = new LinkedHashSet<>();
        final Map<String, Set<String>> credentialsByIdentity = new LinkedHashMap<>();

        void credential(@Nullable String identityType, String credentialType) {
            credentialTypes.add(credentialType);
            if (identityType != null) {
                credentialsByIdentity
                        .computeIfAbsent(identityType, k -> new LinkedHashSet<>())
                        .add(credentialType);
            }
        }
    }

    /** From {@code identity_types_supported} and friends. */
    final Facts meta = new Facts();
    /** From request and response examples. */
    final Facts example = new Facts();
    /** From code spans in the text. */
    final Facts mentioned = new Facts();

    private final Consumer<String> reasons;

    AuthMdTypeFacts(Consumer<String> reasons) {
        this.reasons = reasons;
    }

    /** Records an exact protocol token written as a code span or table cell. */
    void mention(String token) {
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

    /** Resolves the types into the builder; guesses and gaps become reasons. */
    void resolve(AuthMdDocument.Builder b) {
        Set<String> identity =
                choose(meta.identityTypes, example.identityTypes, mentioned.identityTypes, "identity types", true);
        boolean assertionsExpected = identity.isEmpty() || identity.contains(Wire.IDENTITY_ASSERTION);
        Set<String> assertion = choose(
                meta.assertionTypes,
                example.assertionTypes,
                mentioned.assertionTypes,
                "assertion types",
                assertionsExpected);
        Set<String> credential = choose(
                meta.credentialTypes, example.credentialTypes, mentioned.credentialTypes, "credential types", true);
        if (meta.identityTypes.isEmpty() && !assertion.isEmpty()) {
            identity.add(Wire.IDENTITY_ASSERTION);
        }
        b.identityTypes(identity).assertionTypes(assertion).credentialTypes(credential);
        Map<String, Set<String>> byIdentity = new LinkedHashMap<>(
                meta.credentialsByIdentity.isEmpty() ? example.credentialsByIdentity : meta.credentialsByIdentity);
        byIdentity.keySet().retainAll(identity);
        b.credentialTypesByIdentityType(byIdentity);
    }

    private Set<String> choose(
            Set<String> fromMetadata, Set<String> fromExamples, Set<String> fromText, String what, boolean expected) {
        if (!fromMetadata.isEmpty()) {
            Set<String> extra = new LinkedHashSet<>(fromExamples);
            extra.removeAll(fromMetadata);
            if (!extra.isEmpty()) {
                reasons.accept("examples use " + what + " " + extra + " that the metadata example does not list");
            }
            return new LinkedHashSet<>(fromMetadata);
        }
        if (!fromExamples.isEmpty()) {
            return new LinkedHashSet<>(fromExamples);
        }
        if (!fromText.isEmpty()) {
            reasons.accept(what + " inferred from code spans in the text, not from JSON examples: " + fromText);
            return new LinkedHashSet<>(fromText);
        }
        if (expected) {
            reasons.accept("no " + what + " found");
        }
        return new LinkedHashSet<>();
    }
}
