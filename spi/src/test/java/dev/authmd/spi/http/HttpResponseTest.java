package dev.authmd.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void headerWhenAddedTwiceInDifferentCaseThenKeptUnderFirstName() {
        HttpResponse response = HttpResponse.builder(200)
                .header("Vary", "Accept")
                .header("vary", "Origin")
                .build();

        assertThat(response.headers()).containsOnlyKeys("Vary");
        assertThat(response.headers().get("Vary")).containsExactly("Accept", "Origin");
        assertThat(response.header("VARY")).contains("Accept");
    }

    @Test
    void setHeaderWhenPresentThenReplacesEveryValue() {
        HttpResponse response = HttpResponse.builder(200)
                .header("Cache-Control", "max-age=60")
                .setHeader("cache-control", "no-store")
                .build();

        assertThat(response.headers()).containsOnlyKeys("cache-control");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void headerWhenValueHasLineBreakThenRefused() {
        assertThatThrownBy(() -> HttpResponse.builder(200).header("X", "a\r\nSet-Cookie: x=y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR or LF");
    }

    @Test
    void builderWhenStatusOutOfRangeThenRefused() {
        assertThatThrownBy(() -> HttpResponse.builder(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.builder(600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bodyWhenTextGivenThenUtf8AndContentTypeSet() {
        HttpResponse response = HttpResponse.builder(200)
                .body("héllo", "text/plain; charset=utf-8")
                .build();

        assertThat(response.bodyAsString()).isEqualTo("héllo");
        assertThat(response.body()).hasSize(6);
        assertThat(response.header("content-type")).contains("text/plain; charset=utf-8");
        assertThat(response.toString()).isEqualTo("HttpResponse[200]");
    }
}
