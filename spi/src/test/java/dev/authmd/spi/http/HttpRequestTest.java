package dev.authmd.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void headerWhenLookedUpInAnyCaseThenFoundWithAllValues() {
        HttpRequest request = HttpRequest.builder("get", "/x")
                .header("X-Forwarded-For", "1.1.1.1")
                .header("x-forwarded-for", "2.2.2.2")
                .build();

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("X-FORWARDED-FOR")).contains("1.1.1.1");
        assertThat(request.headers("x-Forwarded-for")).containsExactly("1.1.1.1", "2.2.2.2");
        assertThat(request.header("Missing")).isEmpty();
    }

    @Test
    void bodyWhenSourceArrayMutatedAfterBuildThenRequestUnchanged() {
        byte[] source = "abc".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.builder("POST", "/").body(source).build();
        source[0] = 'z';
        request.body()[1] = 'z';

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(request.bodyLength()).isEqualTo(3);
    }

    @Test
    void queryParameterWhenEncodedOrMalformedThenDecodesOrSkips() {
        HttpRequest request = HttpRequest.builder("GET", "/view")
                .rawQuery("bad=%zz&token=cvt_a%2Bb&flag&token=second")
                .build();

        assertThat(request.queryParameter("token")).contains("cvt_a+b");
        assertThat(request.queryParameter("flag")).contains("");
        assertThat(request.queryParameter("bad")).isEmpty();
        assertThat(request.queryParameter("absent")).isEmpty();
        assertThat(HttpRequest.builder("GET", "/").build().queryParameter("x")).isEmpty();
    }

    @Test
    void builderWhenPathIsRelativeOrMethodBlankThenRefused() {
        assertThatThrownBy(() -> HttpRequest.builder("GET", "relative"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path must start with '/'");
        assertThatThrownBy(() -> HttpRequest.builder(" ", "/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method cannot be blank");
        assertThatThrownBy(() -> HttpRequest.builder(null, "/"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("method cannot be null");
    }

    @Test
    void toStringWhenBodyHoldsSecretThenSecretNotPrinted() {
        HttpRequest request = HttpRequest.builder("POST", "/agent/auth")
                .header("Authorization", "Bearer sk_secret")
                .body("{\"assertion\":\"secret\"}")
                .build();

        assertThat(request.toString()).isEqualTo("HttpRequest[POST /agent/auth]");
    }
}
