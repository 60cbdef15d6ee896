package dev.authmd.core.service;

import dev.authmd.spi.mail.ClaimMail;
import dev.authmd.spi.mail.ClaimMailer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Captures claim emails; can be told to fail the next calls. */
final class RecordingMailer implements ClaimMailer {

    final List<ClaimMail> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure;

    void failNext(int times, Supplier<RuntimeException> failure) {
        this.failure = failure;
        failuresLeft.set(times);
    }

    @Override
    public void send(ClaimMail mail) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure.get();
        }
        sent.add(mail);
    }

    int count() {
        return sent.size();
    }

    ClaimMail last() {
        if (sent.isEmpty()) {
            throw new AssertionError("no claim email was sent");
        }
        return sent.get(sent.size() - 1);
    }

    /** @return the {@code cvt_…} token of the link in the last email */
    String lastAttemptToken() {
        return attemptToken(last());
    }

    static String attemptToken(ClaimMail mail) {
        String query = URI.create(mail.claimLink()).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no token in the claim link");
    }
}
