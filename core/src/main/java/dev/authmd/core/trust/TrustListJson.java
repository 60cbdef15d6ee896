package dev.authmd.core.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authmd.core.internal.json.StrictJson;
import dev.authmd.spi.store.CredentialType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link TrustList} from the JSON document a host keeps in its configuration.
 *
 * <p>Format (every member but {@code issuer} is optional; defaults as in {@link TrustedProvider} and
 * {@link ProviderPolicy}):
 *
 * <pre>{@code
 * {
 *   "providers": [
 *     {
 *       "issuer": "https://agents.example",
 *       "display_name": "Example Agents",
 *
 *       // at most one of the three key members; none means "issuer_metadata"
 *       "jwks_uri": "https://agents.example/.well-known/jwks.json",   // pinned
 *       "jwks": { "keys": [ ... ] },                                  // inline public keys
 *       "key_discovery": "issuer_metadata" | "conventional_path",
 *
 *       "algorithms": ["ES256", "RS256"],
 *       "client_ids": ["agent-cli"],
 *       "accept_cimd_client_ids": false,
 *       "policy": {
 *         "required_amr": ["mfa"],
 *         "acr_values": ["urn:example:loa:2"],
 *         "max_auth_age_seconds": 3600,
 *         "require_verified_email_or_phone": true,
 *         "allow_jit_provisioning": true,
 *         "credential_types": ["access_token", "api_key"],
 *         "scope_ceiling": ["api.read"]
 *       }
 *     }
 *   ]
 * }
 * }</pre>
 *
 * (The {@code //} comments are explanations, not part of the format: the parser accepts strict JSON only.) Unknown
 * members, duplicate member names, wrong types and invalid values are errors; each message names the provider (its
 * issuer, or its index when the issuer is missing) and the member.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrustListJson {

    private static final Set<String> TOP_MEMBERS = Set.of("providers");
    private static final Set<String> PROVIDER_MEMBERS = Set.of(
            "issuer",
            "display_name",
            "jwks_uri",
            "jwks",
            "key_discovery",
            "algorithms",
            "client_ids",
            "accept_cimd_client_ids",
            "policy");
    private static final Set<String> POLICY_MEMBERS = Set.of(
            "required_amr",
            "acr_values",
            "max_auth_age_seconds",
            "require_verified_email_or_phone",
            "allow_jit_provisioning",
            "credential_types",
            "scope_ceiling");

    private TrustListJson() {}

    /**
     * Parses a trust list document.
     *
     * @param json the document
     * @return the trust list
     * @throws IllegalArgumentException when the document is not valid; the message says what to fix
     */
    public static TrustList parse(String json) {
        Objects.requireNonNull(json, "json cannot be null");
        ObjectNode root;
        try {
            root = StrictJson.parseObject(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trust list is not valid JSON: " + e.getOriginalMessage());
        }
        rejectUnknown(root, TOP_MEMBERS, "trust list");
        JsonNode providers = root.get("providers");
        if (providers == null || !providers.isArray()) {
            throw new IllegalArgumentException("trust list: \"providers\" must be an array");
        }
        TrustList.Builder list = TrustList.builder();
        for (int i = 0; i < providers.size(); i++) {
            JsonNode node = providers.get(i);
            String where = "trust list providers[" + i + "]";
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            JsonNode issuer = node.get("issuer");
            if (issuer == null || !issuer.isTextual()) {
                throw new IllegalArgumentException(where + ": \"issuer\" is required and must be a string");
            }
            list.add(provider((ObjectNode) node, issuer.asText()));
        }
        return list.build();
    }

    private static TrustedProvider provider(ObjectNode node, String issuer) {
        String who = "trusted provider " + issuer;
        rejectUnknown(node, PROVIDER_MEMBERS, who);
        TrustedProvider.Builder b = TrustedProvider.builder(issuer);
        if (node.has("display_name")) {
            b.displayName(text(node, "display_name", who));
        }
        int keyMembers =
                (node.has("jwks_uri") ? 1 : 0) + (node.has("jwks") ? 1 : 0) + (node.has("key_discovery") ? 1 : 0);
        if (keyMembers > 1) {
            throw new IllegalArgumentException(
                    who + ": use at most one of \"jwks_uri\", \"jwks\" and \"key_discovery\"");
        }
        if (node.has("jwks_uri")) {
            try {
                b.keyLocation(KeyLocation.pinned(URI.create(text(node, "jwks_uri", who))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(who + ": \"jwks_uri\" must be an absolute http(s) URL");
            }
        } else if (node.has("jwks")) {
            JsonNode jwks = node.get("jwks");
            if (!jwks.isObject()) {
                throw new IllegalArgumentException(who + ": \"jwks\" must be a JWKS object");
            }
            b.keyLocation(KeyLocation.inline(StrictJson.write(jwks)));
        } else if (node.has("key_discovery")) {
            String discovery = text(node, "key_discovery", who);
            switch (discovery) {
                case "issuer_metadata" -> b.keyLocation(KeyLocation.issuerMetadata());
                case "conventional_path" -> b.keyLocation(KeyLocation.conventionalPath());
                default ->
                    throw new IllegalArgumentException(
                            who + ": \"key_discovery\" must be \"issuer_metadata\" or \"conventional_path\"");
            }
        }
        if (node.has("algorithms")) {
            b.algorithms(strings(node, "algorithms", who));
        }
        if (node.has("client_ids")) {
            b.clientIds(strings(node, "client_ids", who));
        }
        if (node.has("accept_cimd_client_ids")) {
            b.acceptCimdClientIds(bool(node, "accept_cimd_client_ids", who));
        }
        if (node.has("policy")) {
            JsonNode policy = node.get("policy");
            if (!policy.isObject()) {
                throw new IllegalArgumentException(who + ": \"policy\" must be an object");
            }
            b.policy(policy((ObjectNode) policy, who + " policy"));
        }
        return b.build();
    }

    private static ProviderPolicy policy(ObjectNode node, String who) {
        rejectUnknown(node, POLICY_MEMBERS, who);
        ProviderPolicy.Builder p = ProviderPolicy.builder();
        if (node.has("required_amr")) {
            p.requiredAmr(strings(node, "required_amr", who));
        }
        if (node.has("acr_values")) {
            p.acrValues(strings(node, "acr_values", who));
        }
        if (node.has("max_auth_age_seconds")) {
            JsonNode age = node.get("max_auth_age_seconds");
            if (!age.isIntegralNumber() || !age.canConvertToLong() || age.asLong() <= 0) {
                throw new IllegalArgumentException(who + ": \"max_auth_age_seconds\" must be a positive integer");
            }
            p.maxAuthAge(Duration.ofSeconds(age.asLong()));
        }
        if (node.has("require_verified_email_or_phone")) {
            p.requireVerifiedEmailOrPhone(bool(node, "require_verified_email_or_phone", who));
        }
        if (node.has("allow_jit_provisioning")) {
            p.allowJitProvisioning(bool(node, "allow_jit_provisioning", who));
        }
        if (node.has("credential_types")) {
            Set<CredentialType> types = EnumSet.noneOf(CredentialType.class);
            for (String name : strings(node, "credential_types", who)) {
                types.add(CredentialType.fromWireName(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                who + ": \"credential_types\" holds unknown type \"" + name + "\"")));
            }
            p.credentialTypes(types);
        }
        if (node.has("scope_ceiling")) {
            p.scopeCeiling(strings(node, "scope_ceiling", who));
        }
        try {
            return p.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who + ": " + e.getMessage());
        }
    }

    private static void rejectUnknown(ObjectNode node, Set<String> known, String who) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    who + ": unknown member(s) " + unknown + "; known: " + new TreeSet<>(known));
        }
    }

    private static String text(JsonNode node, String name, String who) {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(who + ": \"" + name + "\" must be a string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String name, String who) {
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(who + ": \"" + name + "\" must be true or false");
        }
        return value.asBoolean();
    }

    private static List<String> strings(JsonNode node, String name, String who) {
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw new IllegalArgumentException(who + ": \"" + name + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(who + ": \"" + name + "\" must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
