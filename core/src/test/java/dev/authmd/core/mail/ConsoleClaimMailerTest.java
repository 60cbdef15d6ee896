package dev.authmd.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.authmd.spi.mail.ClaimMail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConsoleClaimMailerTest {

    private static final Instant EXPIRES = Instant.parse("2026-05-04T13:00:00.123456789Z");
    private static final String LINK = "https://api.example.com/agent/auth/claim/view?token=cvt_abc";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ConsoleClaimMailer mailer =
            new ConsoleClaimMailer(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    @Test
    void sendWhenCalledThenOneLineWithRecipientRegistrationTenantExpiryAndLink() {
        mailer.send(mail("default", "reg_1", "ada@example.com", LINK));

        assertThat(printed())
                .isEqualTo("[authmd] claim email NOT SENT (development mailer) to ada@example.com for registration"
                        + " reg_1 (tenant default), expires 2026-05-04T13:00:00Z: " + LINK + System.lineSeparator());
        assertThat(printed()).startsWith(ConsoleClaimMailer.LINE_PREFIX);
    }

    @Test
    void sendWhenValuesHoldControlCharactersThenStillOneLine() {
        mailer.send(mail("evil\ntenant", "reg_\r1", "ada@example.com", LINK + "\n[authmd] forged\u0007"));

        assertThat(printed().lines().toList())
                .containsExactly("[authmd] claim email NOT SENT (development mailer) to ada@example.com for"
                        + " registration reg_?1 (tenant evil?tenant), expires 2026-05-04T13:00:00Z: " + LINK
                        + "?[authmd] forged?");
    }

    @Test
    void sendWhenManyThreadsThenLinesNeverInterleave() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        mailer.send(mail("default", "reg_" + thread + "_" + i, "ada@example.com", LINK));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = printed().lines().toList();
        assertThat(lines)
                .hasSize(threads * perThread)
                .allSatisfy(line -> assertThat(line)
                        .startsWith(ConsoleClaimMailer.LINE_PREFIX)
                        .endsWith(": " + LINK));
    }

    @Test
    void defaultConstructorWhenSystemOutRedirectedThenPrintsToTheCurrentSystemOut() {
        PrintStream original = System.out;
        ByteArrayOutputStream redirected = new ByteArrayOutputStream();
        ConsoleClaimMailer console = new ConsoleClaimMailer();
        System.setOut(new PrintStream(redirected, true, StandardCharsets.UTF_8));
        try {
            console.send(mail("default", "reg_1", "ada@example.com", LINK));
        } finally {
            System.setOut(original);
        }

        assertThat(redirected.toString(StandardCharsets.UTF_8)).startsWith(ConsoleClaimMailer.LINE_PREFIX);
    }

    @Test
    void garbageWhenNullThenNullPointerWithName() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ConsoleClaimMailer(null))
                .withMessage("out cannot be null");
        assertThatNullPointerException().isThrownBy(() -> mailer.send(null)).withMessage("mail cannot be null");
        assertThat(printed()).isEmpty();
    }

    @Test
    void toStringWhenCalledThenNoStreamContents() {
        mailer.send(mail("default", "reg_1", "ada@example.com", LINK));

        assertThat(mailer.toString()).isEqualTo("ConsoleClaimMailer[stream]").doesNotContain("cvt_abc");
        assertThat(new ConsoleClaimMailer()).hasToString("ConsoleClaimMailer[System.out]");
    }

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static ClaimMail mail(String tenant, String registrationId, String to, String link) {
        return new ClaimMail(
                tenant,
                registrationId,
                to,
                "Confirm an AI agent's access",
                "text " + link,
                "<p>html</p>",
                link,
                EXPIRES);
    }
}
