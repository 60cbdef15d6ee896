package dev.authmd.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.core.provider.ProviderKeys;
import dev.authmd.spi.store.CredentialType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustListJsonTest {

    @Test
    void parseWhenFullDocumentThenEveryMemberRead() {
        String json = """
                {"providers": [
                  {"issuer": "https://agents.example", "display_name": "Agents",
                   "jwks_uri": "https://agents.example/jwks.json",
                   "algorithms": ["ES256", "RS256"], "client_ids": ["cli"], "accept_cimd_client_ids": true,
                   "policy": {"required_amr": ["mfa"], "acr_values": ["loa2"], "max_auth_age_seconds": 600,
                              "require_verified_email_or_phone": false, "allow_jit_provisioning": false,
                              "credential_types": ["access_token"], "scope_ceiling": ["api.read"]}},
                  {"issuer": "https://other.example", "key_discovery": "conventional_path"}
                ]}""";

        TrustList list = TrustListJson.parse(json);

        TrustedProvider agents = list.find("https://agents.example").orElseThrow();
        assertThat(agents.displayName()).isEqualTo("Agents");
        assertThat(agents.keyLocation()).isEqualTo(KeyLocation.pinned(URI.create("https://agents.example/jwks.json")));
        assertThat(agents.algorithms()).containsExactly("ES256", "RS256");
        assertThat(agents.clientIds()).containsExactly("cli");
        assertThat(agents.acceptCimdClientIds()).isTrue();
        ProviderPolicy policy = agents.policy();
        assertThat(policy.requiredAmr()).containsExactly("mfa");
        assertThat(policy.acrValues()).containsExactly("loa2");
        assertThat(policy.maxAuthAge()).contains(Duration.ofMinutes(10));
        assertThat(policy.requireVerifiedEmailOrPhone()).isFalse();
        assertThat(policy.allowJitProvisioning()).isFalse();
        assertThat(policy.credentialTypes()).containsExactly(CredentialType.ACCESS_TOKEN);
        assertThat(policy.scopeCeiling()).containsExactly("api.read");
        TrustedProvider other = list.find("https://other.example").orElseThrow();
        assertThat(other.keyLocation().kind()).isEqualTo(KeyLocation.Kind.CONVENTIONAL_PATH);
        assertThat(other.policy()).isEqualTo(ProviderPolicy.defaults());
        assertThat(other.displayName()).isEqualTo("https://other.example");
    }

    @Test
    void parseWhenInlineJwksThenKeysInline() {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

        TrustList list = TrustListJson.parse(
                "{\"providers\":[{\"issuer\":\"https://a.example\",\"jwks\":" + keys.jwksJson() + "}]}");

        assertThat(list.find("https://a.example").orElseThrow().keyLocation().kind())
                .isEqualTo(KeyLocation.Kind.INLINE_JWKS);
    }

    @Test
    void parseWhenUnknownMembersThenErrorNamesThemAndTheProvider() {
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\",\"jwks_url\":\"x\",\"alg\":[]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://a.example")
                .hasMessageContaining("[alg, jwks_url]");
        assertThatThrownBy(() -> TrustListJson.parse("{\"providers\":[],\"version\":1}"))
                .hasMessageContaining("[version]");
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\",\"policy\":{\"max_age\":1}}]}"))
                .hasMessageContaining("https://a.example policy")
                .hasMessageContaining("[max_age]");
    }

    @Test
    void parseWhenValueInvalidThenMessageNamesProviderAndMember() {
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\",\"algorithms\":[\"HS256\"]}]}"))
                .hasMessageContaining("https://a.example")
                .hasMessageContaining("HS256");
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\",\"accept_cimd_client_ids\":\"yes\"}]}"))
                .hasMessageContaining("https://a.example")
                .hasMessageContaining("accept_cimd_client_ids");
        assertThatThrownBy(
                        () -> TrustListJson.parse(
                                "{\"providers\":[{\"issuer\":\"https://a.example\",\"policy\":{\"credential_types\":[\"cookie\"]}}]}"))
                .hasMessageContaining("cookie");
        assertThatThrownBy(
                        () -> TrustListJson.parse(
                                "{\"providers\":[{\"issuer\":\"https://a.example\",\"policy\":{\"max_auth_age_seconds\":-5}}]}"))
                .hasMessageContaining("max_auth_age_seconds");
        assertThatThrownBy(
                        () -> TrustListJson.parse(
                                "{\"providers\":[{\"issuer\":\"https://a.example\",\"jwks_uri\":\"x\",\"key_discovery\":\"conventional_path\"}]}"))
                .hasMessageContaining("at most one");
        assertThatThrownBy(() -> TrustListJson.parse("{\"providers\":[{\"display_name\":\"x\"}]}"))
                .hasMessageContaining("providers[0]")
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> TrustListJson.parse("{\"providers\":[{\"issuer\":\"ftp://a.example\"}]}"))
                .hasMessageContaining("ftp://a.example");
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\",\"jwks\":{\"keys\":[]}}]}"))
                .hasMessageContaining("https://a.example")
                .hasMessageContaining("no key");
    }

    @Test
    void parseWhenDuplicateIssuerOrDuplicateMemberThenError() {
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\"},{\"issuer\":\"https://a.example\"}]}"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> TrustListJson.parse(
                        "{\"providers\":[{\"issuer\":\"https://a.example\",\"issuer\":\"https://b.example\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void parseWhenNotJsonOrNoProvidersThenError() {
        assertThatThrownBy(() -> TrustListJson.parse("providers: []")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustListJson.parse("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustListJson.parse("{}")).hasMessageContaining("providers");
    }

    @Test
    void builderWhenInlineKeysArePrivateThenRefused() {
        ProviderKeys keys = ProviderKeys.generate(ProviderKeys.KeyType.EC_P256);

        assertThatThrownBy(() -> TrustedProvider.builder("https://a.example")
                        .keyLocation(KeyLocation.inline(keys.privateJwksJson()))
                        .build())
                .hasMessageContaining("public keys only");
    }

    @Test
    void trustListWhenLookedUpThenExactIssuerOnly() {
        TrustList list = TrustList.of(
                List.of(TrustedProvider.builder("https://a.example").build()));

        assertThat(list.find("https://a.example")).isPresent();
        assertThat(list.find("https://a.example/")).isEmpty();
        assertThat(list.find("HTTPS://A.EXAMPLE")).isEmpty();
        assertThat(list.find(null)).isEmpty();
        assertThat(list.providers()).hasSize(1);
    }

    @Test
    void policyBuilderWhenInvalidThenOneMessagePerRule() {
        assertThatThrownBy(() ->
                        ProviderPolicy.builder().requiredAmr(List.of("m fa")).build())
                .hasMessageContaining("requiredAmr");
        assertThatThrownBy(() ->
                        ProviderPolicy.builder().acrValues(List.of("a", "a")).build())
                .hasMessageContaining("repeat");
        assertThatThrownBy(
                        () -> ProviderPolicy.builder().credentialTypes(Set.of()).build())
                .hasMessageContaining("credentialTypes");
        assertThatThrownBy(
                        () -> ProviderPolicy.builder().maxAuthAge(Duration.ZERO).build())
                .hasMessageContaining("maxAuthAge");
    }
}
