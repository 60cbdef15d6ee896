package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.core.trust.TrustList;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Wiring: what the builder requires and what it defaults. */
class AgentAuthServiceBuilderTest {

    private static final AgentAuthConfig CONFIG =
            AgentAuthConfig.builder(URI.create("https://api.example.com")).build();
    private static final TrustList NOBODY = TrustList.builder().build();

    @Test
    void buildWhenNoTenantThenIllegalState() {
        assertThatIllegalStateException()
                .isThrownBy(() -> AgentAuthService.builder()
                        .accountResolver(new TestAccounts())
                        .claimMailer(new RecordingMailer())
                        .build())
                .withMessageContaining("at least one tenant");
    }

    @Test
    void buildWhenNoAccountResolverThenIllegalState() {
        assertThatIllegalStateException()
                .isThrownBy(() -> AgentAuthService.builder()
                        .config(CONFIG, NOBODY)
                        .claimMailer(new RecordingMailer())
                        .build())
                .withMessageContaining("accountResolver");
    }

    @Test
    void buildWhenNoMailerThenIllegalState() {
        assertThatIllegalStateException()
                .isThrownBy(() -> AgentAuthService.builder()
                        .config(CONFIG, NOBODY)
                        .accountResolver(new TestAccounts())
                        .build())
                .withMessageContaining("claimMailer");
    }

    @Test
    void tenantWhenConfiguredTwiceThenIllegalArgument() {
        AgentAuthService.Builder builder = AgentAuthService.builder().config(CONFIG, NOBODY);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.config(CONFIG, NOBODY))
                .withMessageContaining("default");
    }

    @Test
    void buildWhenOnlyRequiredPartsThenWorksWithInMemoryDefaults() {
        RecordingMailer mailer = new RecordingMailer();
        AgentAuthService service = AgentAuthService.builder()
                .config(CONFIG, NOBODY)
                .accountResolver(new TestAccounts())
                .claimMailer(mailer)
                .build();

        RegistrationResult result = ServiceFixture.ok(
                service.register(RequestContext.defaultTenant("192.0.2.1"), new RegisterRequest.Anonymous(null)));

        assertThat(service.tenantIds()).containsExactly(RequestContext.DEFAULT_TENANT);
        assertThat(service.authenticate(
                                RequestContext.defaultTenant(null),
                                "Bearer " + result.credential().secret(),
                                java.util.Set.of("api.read"))
                        .principal())
                .isPresent();
    }

    @Test
    void useCasesWhenNullArgumentsThenNullPointerWithName() {
        AgentAuthService service = ServiceFixture.create().service;
        RequestContext ctx = RequestContext.defaultTenant(null);
        assertThatNullPointerException()
                .isThrownBy(() -> service.register(null, new RegisterRequest.Anonymous(null)))
                .withMessage("ctx cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.startClaim(ctx, "clm_x", null))
                .withMessage("email cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.completeClaim(ctx, null, "123456"))
                .withMessage("claimToken cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.mintChallenge(ctx, null))
                .withMessage("attemptToken cannot be null");
        assertThatNullPointerException()
                .isThrownBy(() -> service.revoke(ctx, null))
                .withMessage("logoutToken cannot be null");
    }
}
