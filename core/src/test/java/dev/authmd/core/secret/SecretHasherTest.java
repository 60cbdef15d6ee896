package dev.authmd.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SecretHasherTest {

    @Test
    void hashWhenKnownInputThenSha256InUnpaddedBase64Url() {
        // echo -n abc | openssl dgst -sha256 -binary | basenc --base64url
        assertThat(SecretHasher.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(SecretHasher.hash("")).isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    }

    @Test
    void hashWhenNonAsciiThenHashesUtf8Bytes() {
        // "é" is C3 A9 in UTF-8
        assertThat(SecretHasher.hash("é"))
                .isEqualTo(SecretHasher.hash("\u00e9"))
                .isNotEqualTo(SecretHasher.hash("e"));
        assertThat(SecretHasher.hash("é")).hasSize(43);
    }

    @Test
    void hashWhenCalledFromManyThreadsThenSameResults() throws Exception {
        String expected = SecretHasher.hash("sk_concurrent");
        Map<String, Boolean> results = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 2_000; i++) {
                    results.put(SecretHasher.hash("sk_concurrent"), Boolean.TRUE);
                    SecretHasher.hash("other" + i);
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).containsOnlyKeys(expected);
    }

    @Test
    void hashWhenNullThenClearError() {
        assertThatThrownBy(() -> SecretHasher.hash(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("token cannot be null");
    }
}
