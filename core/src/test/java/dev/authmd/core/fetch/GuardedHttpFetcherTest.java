package dev.authmd.core.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.authmd.core.config.AgentAuthConfig;
import dev.authmd.spi.http.FetchRequest;
import dev.authmd.spi.http.FetchResponse;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class GuardedHttpFetcherTest {

    private String base;
    private GuardedHttpFetcher fetcher;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        base = wm.getHttpBaseUrl();
        fetcher = GuardedHttpFetcher.create(
                AddressGuard.builder().allowOrigin(URI.create(base)).build());
    }

    private FetchRequest request(String path, int cap, Duration timeout) {
        return new FetchRequest(URI.create(base + path), Map.of("Accept", "application/json"), timeout, timeout, cap);
    }

    @Test
    void fetchWhenOkThenStatusHeadersAndBody() throws Exception {
        stubFor(get("/doc").willReturn(okJson("{\"a\":1}").withHeader("Cache-Control", "max-age=60")));

        FetchResponse response = fetcher.fetch(request("/doc", 1024, Duration.ofSeconds(2)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("{\"a\":1}");
        assertThat(response.header("cache-control")).contains("max-age=60");
        verify(
                exactly(1),
                getRequestedFor(urlEqualTo("/doc"))
                        .withHeader(
                                "Accept", com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json")));
    }

    @Test
    void fetchWhenRedirectThenReturnedNotFollowed() throws Exception {
        stubFor(get("/from").willReturn(aResponse().withStatus(302).withHeader("Location", base + "/to")));
        stubFor(get("/to").willReturn(okJson("{}")));

        FetchResponse response = fetcher.fetch(request("/from", 1024, Duration.ofSeconds(2)));

        assertThat(response.status()).isEqualTo(302);
        verify(exactly(0), getRequestedFor(urlEqualTo("/to")));
    }

    @Test
    void fetchWhenDeclaredLengthOverCapThenRefused() {
        stubFor(get("/big").willReturn(okJson("x".repeat(5000))));

        assertThatThrownBy(() -> fetcher.fetch(request("/big", 1024, Duration.ofSeconds(2))))
                .isInstanceOf(RefusedFetchException.class)
                .hasMessageContaining("1024");
    }

    @Test
    void fetchWhenChunkedBodyGrowsOverCapThenRefusedWhileStreaming() {
        stubFor(get("/stream")
                .willReturn(
                        aResponse().withStatus(200).withBody("y".repeat(8000)).withChunkedDribbleDelay(8, 200)));

        assertThatThrownBy(() -> fetcher.fetch(request("/stream", 1024, Duration.ofSeconds(5))))
                .isInstanceOf(RefusedFetchException.class);
    }

    @Test
    void fetchWhenBodyExactlyAtCapThenAccepted() throws Exception {
        stubFor(get("/edge").willReturn(aResponse().withStatus(200).withBody("z".repeat(1024))));

        assertThat(fetcher.fetch(request("/edge", 1024, Duration.ofSeconds(2))).body())
                .hasSize(1024);
    }

    @Test
    void fetchWhenServerTrickleExceedsDeadlineThenTimeout() {
        stubFor(get("/slow")
                .willReturn(
                        aResponse().withStatus(200).withBody("s".repeat(100)).withChunkedDribbleDelay(10, 3000)));

        assertThatThrownBy(() -> fetcher.fetch(request("/slow", 1024, Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void fetchWhenOriginNotAllowedThenNoRequestMade() {
        stubFor(get("/doc").willReturn(okJson("{}")));
        GuardedHttpFetcher strict = GuardedHttpFetcher.create(AddressGuard.strict());

        assertThatThrownBy(() -> strict.fetch(request("/doc", 1024, Duration.ofSeconds(2))))
                .isInstanceOf(RefusedFetchException.class);
        verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void forConfigWhenDevelopmentHostConfiguredThenAllowed() throws Exception {
        stubFor(get("/doc").willReturn(okJson("{}")));
        AgentAuthConfig config = AgentAuthConfig.builder(URI.create("http://localhost:8080"))
                .developmentHosts(java.util.Set.of("localhost"))
                .build();

        assertThat(GuardedHttpFetcher.forConfig(config)
                        .fetch(request("/doc", 1024, Duration.ofSeconds(2)))
                        .status())
                .isEqualTo(200);
        assertThatThrownBy(() -> GuardedHttpFetcher.forConfig(
                                AgentAuthConfig.builder(URI.create("https://api.example.com"))
                                        .build())
                        .fetch(request("/doc", 1024, Duration.ofSeconds(2))))
                .isInstanceOf(RefusedFetchException.class);
        verify(exactly(1), getRequestedFor(urlEqualTo("/doc")));
    }
}
