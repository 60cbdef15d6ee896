package dev.authmd.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictAddressTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ada@example.com",
                "first.last+tag@mail.sub.example.co.uk",
                "o'brien@example.ie",
                "x_y-z@example-domain.example",
                "\"quoted\"@example.com"
            })
    void parseWhenOnePlainAddressThenReturnsItUnchanged(String input) {
        assertThat(StrictAddress.parse(input))
                .get()
                .extracting(InternetAddress::getAddress)
                .isEqualTo(input);
        assertThat(StrictAddress.parse(input))
                .get()
                .extracting(InternetAddress::getPersonal)
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@b.c\r\nBcc: evil@x.y",
                "a@b.c\nBcc: evil@x.y",
                "a@b.c\rBcc: evil@x.y",
                "a@b.c\u0000",
                "a@b.c\u0085Bcc: evil@x.y",
                "a@b.c\u2028Bcc: evil@x.y",
                "a@b.c, evil@x.y",
                "\"x\" <a@b.c>",
                "\"x\r\nBcc: evil@x.y\" <a@b.c>",
                "=?UTF-8?Q?x?= <a@b.c>",
                "<a@b.c>",
                "a@b.c (x)",
                "g: a@b.c;",
                "a@b.c;",
                "a",
                "a@",
                "@b.c",
                "a@@b.c",
                "a@b..c",
                "a@[127.0.0.1] x",
                "jöhn@b.c",
                "john@bü.c",
                ""
            })
    void parseWhenAnythingButOnePlainAddressThenEmpty(String input) {
        assertThat(StrictAddress.parse(input)).isEmpty();
    }

    @Test
    void parseWhenNullThenEmpty() {
        assertThat(StrictAddress.parse(null)).isEmpty();
    }
}
