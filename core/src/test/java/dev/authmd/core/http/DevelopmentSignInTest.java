package dev.authmd.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authmd.core.testsupport.MutableClock;
import dev.authmd.spi.http.HttpRequest;
import dev.authmd.spi.http.HttpResponse;
import dev.authmd.spi.mail.ClaimMail;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DevelopmentSignInTest {

    private static final URI BASE = URI.create("http://localhost:8080");
    private static final String RETURN = "http://localhost:8080/agent/identity/claim/view?token=att_x";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T12:00:00Z"));
    private final List<ClaimMail> mails = new CopyOnWriteArrayList<>();
    private final DevelopmentSignIn signIn = DevelopmentSignIn.create(BASE, mails::add, clock);

    @Test
    void signInWhenLinkOpenedThenSessionCookieNamesTheUserAndRedirectsBack() {
        HttpResponse form = get(DevelopmentSignIn.PATH + "?return=" + enc(RETURN), null);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.bodyAsString()).contains("never use this in production");

        HttpResponse sent = post("Ada@Example.com", RETURN);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(mails).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("ada@example.com"));

        HttpResponse opened = open(mails.get(0).claimLink());
        assertThat(opened.status()).isEqualTo(303);
        assertThat(opened.header("Location")).contains(RETURN);
        String cookie = opened.header("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax");

        HttpRequest withCookie = HttpRequest.builder("GET", "/x")
                .header("Cookie", "other=1; " + cookie.substring(0, cookie.indexOf(';')))
                .build();
        assertThat(signIn.signedIn(withCookie)).hasValueSatisfying(u -> {
            assertThat(u.verifiedEmails()).containsExactly("ada@example.com");
            assertThat(u.userId()).isEqualTo("dev:ada@example.com");
        });
        assertThat(open(mails.get(0).claimLink()).status())
                .as("a link works once")
                .isEqualTo(410);
        clock.advance(Duration.ofHours(9));
        assertThat(signIn.signedIn(withCookie)).as("sessions expire").isEmpty();
    }

    @Test
    void signInWhenTheAddressBelongsToAnAccountThenTheUserIsThatAccountElseDevId() {
        DevelopmentSignIn overAccounts =
                DevelopmentSignIn.create(BASE, mails::add, clock, new dev.authmd.spi.account.AccountResolver() {
                    @Override
                    public java.util.Optional<dev.authmd.spi.account.UserAccount> findByVerifiedEmail(
                            String tenantId, String email) {
                        return email.equals("bob@example.com")
                                ? java.util.Optional.of(new dev.authmd.spi.account.UserAccount("user_bob", email, null))
                                : java.util.Optional.empty();
                    }

                    @Override
                    public java.util.Optional<dev.authmd.spi.account.UserAccount> findByVerifiedPhone(
                            String tenantId, String phoneNumber) {
                        return java.util.Optional.empty();
                    }

                    @Override
                    public java.util.Optional<dev.authmd.spi.account.UserAccount> provision(
                            dev.authmd.spi.account.ProvisionRequest request) {
                        throw new AssertionError("a sign-in never provisions");
                    }
                });

        assertThat(sessionOf(overAccounts, "bob@example.com").userId()).isEqualTo("user_bob");
        assertThat(sessionOf(overAccounts, "carol@example.com").userId()).isEqualTo("dev:carol@example.com");
    }

    private dev.authmd.spi.account.SignedInUser sessionOf(DevelopmentSignIn target, String email) {
        mails.clear();
        target.handle(HttpRequest.builder("POST", DevelopmentSignIn.PATH)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("email=" + enc(email) + "&return=" + enc(RETURN))
                .build());
        URI link = URI.create(mails.get(0).claimLink());
        String cookie = target.handle(HttpRequest.builder("GET", link.getPath())
                        .rawQuery(link.getRawQuery())
                        .build())
                .orElseThrow()
                .header("Set-Cookie")
                .orElseThrow();
        return target.signedIn(HttpRequest.builder("GET", "/x")
                        .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                        .build())
                .orElseThrow();
    }

    @Test
    void signInWhenReturnIsAnotherOriginThenRedirectStaysHome() {
        post("ada@example.com", "https://evil.example/steal");

        HttpResponse opened = open(mails.get(0).claimLink());

        assertThat(opened.header("Location")).contains(BASE + "/");
    }

    @Test
    void signInWhenGarbageThenNoMailNoSession() {
        assertThat(post("not an email", RETURN).bodyAsString()).contains("Enter an email address");
        assertThat(mails).isEmpty();
        assertThat(open(BASE + DevelopmentSignIn.PATH + "/link?code=clm_forged").status())
                .isEqualTo(410);
        assertThat(signIn.signedIn(HttpRequest.builder("GET", "/")
                        .header("Cookie", DevelopmentSignIn.COOKIE + "=forged")
                        .build()))
                .isEmpty();
        assertThat(signIn.handle(
                        HttpRequest.builder("PUT", DevelopmentSignIn.PATH).build()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(405));
        assertThat(signIn.handle(HttpRequest.builder("GET", "/elsewhere").build()))
                .isEmpty();
    }

    @Test
    void signInWhenLinkOlderThanTenMinutesThenRefused() {
        post("ada@example.com", RETURN);
        clock.advance(Duration.ofMinutes(11));

        assertThat(open(mails.get(0).claimLink()).status()).isEqualTo(410);
    }

    @Test
    void loginUriWhenAskedThenTheFormWithTheReturnAddress() {
        assertThat(signIn.loginUri(HttpRequest.builder("GET", "/").build(), URI.create(RETURN)))
                .hasToString(BASE + DevelopmentSignIn.PATH + "?return=" + enc(RETURN));
    }

    private HttpResponse get(String pathAndQuery, String cookie) {
        URI uri = URI.create(BASE + pathAndQuery);
        HttpRequest.Builder b = HttpRequest.builder("GET", uri.getPath()).rawQuery(uri.getRawQuery());
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return signIn.handle(b.build()).orElseThrow();
    }

    private HttpResponse post(String email, String returnTo) {
        return signIn.handle(HttpRequest.builder("POST", DevelopmentSignIn.PATH)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body("email=" + enc(email) + "&return=" + enc(returnTo))
                        .build())
                .orElseThrow();
    }

    private HttpResponse open(String link) {
        return get(link.substring(BASE.toString().length()), null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
