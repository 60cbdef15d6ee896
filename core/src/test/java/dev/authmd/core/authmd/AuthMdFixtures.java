package dev.authmd.core.authmd;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.spi.store.CredentialType;
import dev.authmd.spi.store.WireProfile;
import java.net.URI;
import java.util.List;

/** Configurations shared by the renderer and parser tests. */
final class AuthMdFixtures {

    static final String HOSTILE_NAME =
            "Evil *API* <script>alert(1)</script> | `rm -rf` [x](http://evil.example) & co #";

    private AuthMdFixtures() {}

    /** @return the default configuration for https://api.example.com, every method on, the v0.1 profile alone */
    static AgentAuthConfig.Builder allMethods() {
        return AgentAuthConfig.builder(URI.create("https://api.example.com"))
                .resourceName("Example API")
                .profiles(WireProfile.V0_1);
    }

    /** @return the default configuration: every method on, both profiles served */
    static AgentAuthConfig.Builder bothProfiles() {
        return AgentAuthConfig.builder(URI.create("https://api.example.com")).resourceName("Example API");
    }

    /** @return anonymous registration only */
    static AgentAuthConfig.Builder anonymousOnly() {
        return allMethods().idJagEnabled(false).verifiedEmailEnabled(false);
    }

    /** @return ID-JAG only, access tokens only, strict audience, issuer with a path */
    static AgentAuthConfig.Builder idJagOnlyStrictTenant() {
        return AgentAuthConfig.builder(URI.create("https://api.example.com"))
                .resourceName("Tenant A API")
                .issuer(URI.create("https://example.com/tenant-a"))
                .anonymousEnabled(false)
                .verifiedEmailEnabled(false)
                .identityCredentialTypes(List.of(CredentialType.ACCESS_TOKEN))
                .strictAudience(true)
                .profiles(WireProfile.V0_1);
    }

    /** @return every method on, with a resource name full of Markdown and HTML */
    static AgentAuthConfig.Builder hostileName() {
        return allMethods()
                .resourceName(HOSTILE_NAME)
                .scopesSupported(List.of("read|all", "write`x`"))
                .anonymousScopes(List.of("read|all"));
    }
}
