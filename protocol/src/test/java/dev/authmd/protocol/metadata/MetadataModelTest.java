package dev.authmd.protocol.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authmd.protocol.fixtures.MetadataFixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataModelTest {

    private static ProtectedResourceMetadata.Builder prm() {
        return ProtectedResourceMetadata.builder().resource("https://api.example.com");
    }

    @Test
    void buildWhenResourceMissingThenRefused() {
        assertThatThrownBy(() -> ProtectedResourceMetadata.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource is required");
        assertThatThrownBy(
                        () -> ProtectedResourceMetadata.builder().resource("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource cannot be blank");
    }

    @Test
    void buildWhenListHoldsNullThenMessageNamesTheMember() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> prm().scopesSupported(withNull).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scopes_supported cannot contain null");
        assertThatThrownBy(() ->
                        AgentAuthMetadata.builder().eventsSupported(withNull).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent_auth.events_supported cannot contain null");
        assertThatThrownBy(() -> AgentAuthMetadata.IdentityAssertion.builder()
                        .assertionTypesSupported(withNull)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent_auth.identity_assertion.assertion_types_supported cannot contain null");
    }

    @Test
    void buildWhenAdditionalMemberReusesAKnownNameThenRefused() {
        assertThatThrownBy(() -> prm().additionalMember("resource_name", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additional member \"resource_name\" is a known member; use its typed setter");
        assertThatThrownBy(() -> AuthorizationServerMetadata.builder()
                        .additionalMember("agent_auth", Map.of())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additional member \"agent_auth\" is a known member; use its typed setter");
        assertThatThrownBy(() -> AgentAuthMetadata.builder()
                        .additionalMember("register_uri", "x")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additional member \"register_uri\" in agent_auth is a known member; use its typed setter");
        assertThatThrownBy(() -> AgentAuthMetadata.Anonymous.builder()
                        .additionalMember("credential_types_supported", List.of())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "additional member \"credential_types_supported\" in agent_auth.anonymous is a known member;"
                                + " use its typed setter");
    }

    @Test
    void buildWhenAdditionalMemberIsNotPlainJsonThenMessageNamesThePath() {
        assertThatThrownBy(() -> prm().additionalMember("x", Map.of("y", List.of(new Object())))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x.y[0] must be a plain JSON value (String, Number, Boolean, null, List or Map), "
                        + "not java.lang.Object");
        assertThatThrownBy(() -> prm().additionalMember("x", Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must be a finite number");
        assertThatThrownBy(() -> prm().additionalMember("x", Map.of(1, "a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must have string member names");
        assertThatThrownBy(() -> AgentAuthMetadata.builder()
                        .additionalMember("x", new StringBuilder())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent_auth.x must be a plain JSON value (String, Number, Boolean, null, List or Map), "
                        + "not java.lang.StringBuilder");
    }

    @Test
    void buildWhenAdditionalValueRefersToItselfThenDepthLimitStopsIt() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);

        assertThatThrownBy(() -> prm().additionalMember("loop", loop).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(" is nested more than " + JsonValues.MAX_DEPTH + " levels deep");
    }

    @Test
    void buildWhenInputsChangeAfterwardsThenDocumentDoesNot() {
        List<String> scopes = new ArrayList<>(List.of("a"));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", new ArrayList<>(List.of(1)));
        ProtectedResourceMetadata.Builder builder =
                prm().scopesSupported(scopes).additionalMember("x", inner);
        ProtectedResourceMetadata built = builder.build();

        scopes.add("b");
        inner.put("k2", true);
        builder.resourceName("changed");

        assertThat(built.scopesSupported()).contains(List.of("a"));
        assertThat(built.additionalMember("x")).contains(Map.of("k", List.of(1)));
        assertThat(built.resourceName()).isEmpty();
    }

    @Test
    void accessorsWhenCallerTriesToMutateThenRefused() {
        ProtectedResourceMetadata built = prm().scopesSupported(List.of("a"))
                .additionalMember("x", new ArrayList<>(List.of(1)))
                .build();

        assertThatThrownBy(() -> built.scopesSupported().orElseThrow().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.additionalMembers().put("y", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> inner = (List<Object>) built.additionalMember("x").orElseThrow();
        assertThatThrownBy(() -> inner.add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderWhenUnchangedThenEqualAndWhenEditedThenOnlyThatMemberChanges() {
        AuthorizationServerMetadata original = MetadataJson.parseAuthorizationServer(MetadataFixtures.LATER_AS);

        AuthorizationServerMetadata copy = original.toBuilder().build();
        AuthorizationServerMetadata edited = original.toBuilder()
                .agentAuth(original.agentAuth().orElseThrow().toBuilder()
                        .registerUri("https://api.example.com/agent/auth")
                        .removeAdditionalMember("version")
                        .build())
                .build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(edited).isNotEqualTo(original);
        assertThat(edited.agentAuth().orElseThrow().registerUri()).contains("https://api.example.com/agent/auth");
        assertThat(edited.agentAuth().orElseThrow().additionalMembers()).doesNotContainKey("version");
        assertThat(edited.additionalMembers()).isEqualTo(original.additionalMembers());
        assertThat(edited.issuer()).isEqualTo(original.issuer());
    }

    @Test
    void toBuilderWhenNestedObjectsEditedThenUnknownMembersStay() {
        AgentAuthMetadata.Anonymous anonymous = AgentAuthMetadata.Anonymous.builder()
                .credentialTypesSupported(List.of("api_key"))
                .additionalMember("claimable_by", List.of("user_code"))
                .build();
        AgentAuthMetadata.IdentityAssertion ia = AgentAuthMetadata.IdentityAssertion.builder()
                .assertionTypesSupported(List.of("verified_email"))
                .additionalMember("max_auth_age", 300)
                .build();

        AgentAuthMetadata.Anonymous anonymous2 =
                anonymous.toBuilder().credentialTypesSupported(null).build();
        AgentAuthMetadata.IdentityAssertion ia2 =
                ia.toBuilder().credentialTypesSupported(List.of("api_key")).build();

        assertThat(anonymous2.credentialTypesSupported()).isEmpty();
        assertThat(anonymous2.additionalMembers()).containsEntry("claimable_by", List.of("user_code"));
        assertThat(ia2.assertionTypesSupported()).contains(List.of("verified_email"));
        assertThat(ia2.credentialTypesSupported()).contains(List.of("api_key"));
        assertThat(ia2.additionalMembers()).containsEntry("max_auth_age", 300);
        assertThat(anonymous.toBuilder().build()).isEqualTo(anonymous).hasSameHashCodeAs(anonymous);
        assertThat(ia.toBuilder().build()).isEqualTo(ia).hasSameHashCodeAs(ia);
    }

    @Test
    void equalsWhenEmptyListVersusAbsentThenDifferent() {
        assertThat(prm().scopesSupported(List.of()).build()).isNotEqualTo(prm().build());
        assertThat(prm().additionalMember("x", null).build()).isNotEqualTo(prm().build());
        assertThat(prm().additionalMember("x", null).build().additionalMember("x"))
                .isEmpty();
        assertThat(prm().additionalMember("x", new BigDecimal("1.50")).build())
                .isNotEqualTo(prm().additionalMember("x", new BigDecimal("1.5")).build());
    }

    @Test
    void additionalMembersWhenReplacedThenOrderIsTheMapsOrder() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("z", 1);
        members.put("a", 2);

        ProtectedResourceMetadata built =
                prm().additionalMember("old", 0).additionalMembers(members).build();

        assertThat(List.copyOf(built.additionalMembers().keySet())).containsExactly("z", "a");
        assertThat(MetadataJson.write(built)).isEqualTo("{\"resource\":\"https://api.example.com\",\"z\":1,\"a\":2}");
    }

    @Test
    void toStringWhenCalledThenNamesMembers() {
        assertThat(prm().resourceName("Example").build().toString())
                .contains("resource=https://api.example.com")
                .contains("resource_name=Example");
    }
}
