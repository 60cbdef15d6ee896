package dev.authmd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/protocol.md#v01-3b: validation and normalisation of agent-supplied addresses. */
class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "ada@example.com, ada@example.com",
        "'  Ada@Example.COM  ', Ada@example.com",
        "first.last+tag@sub.example.co.uk, first.last+tag@sub.example.co.uk",
        "o'brien@example.ie, o'brien@example.ie",
        "x@a-b.example, x@a-b.example",
    })
    void normaliseWhenAcceptableThenTrimmedAndDomainLowerCased(String raw, String expected) {
        assertThat(EmailAddresses.normalise(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "plain",
                "@example.com",
                "ada@",
                "ada@example",
                "ada@@example.com",
                "a@b@example.com",
                ".ada@example.com",
                "ada.@example.com",
                "a..da@example.com",
                "ada@-example.com",
                "ada@example-.com",
                "ada@exa mple.com",
                "ada@example..com",
                "ada\n@example.com",
                "ada@exa\nmple.com",
                "ada@example.com\r\nBcc: x@y.example",
                "\"ada\"@example.com",
                "ada@[192.0.2.1]",
                "Ada <ada@example.com>",
                "ada(comment)@example.com",
                "ädä@example.com",
                "ada@exämple.com"
            })
    void normaliseWhenNotAPlainAddressThenEmpty(String raw) {
        assertThat(EmailAddresses.normalise(raw)).isEmpty();
    }

    @Test
    void normaliseWhenSurroundedByLineBreaksThenTheyAreTrimmedAway() {
        assertThat(EmailAddresses.normalise("\r\nada@example.com\n")).contains("ada@example.com");
    }

    @Test
    void normaliseWhenNullThenEmpty() {
        assertThat(EmailAddresses.normalise(null)).isEmpty();
    }

    @Test
    void normaliseWhenTooLongThenEmpty() {
        String local = "a".repeat(65);
        assertThat(EmailAddresses.normalise(local + "@example.com")).isEmpty();
        assertThat(EmailAddresses.normalise("a".repeat(64) + "@example.com")).isPresent();
        String longDomain = ("d".repeat(60) + ".").repeat(5) + "com";
        assertThat(EmailAddresses.normalise("a@" + longDomain)).isEmpty();
    }

    @Test
    void domainWhenNormalisedThenAfterTheAt() {
        assertThat(EmailAddresses.domain("Ada@corp.example")).isEqualTo("corp.example");
    }
}
