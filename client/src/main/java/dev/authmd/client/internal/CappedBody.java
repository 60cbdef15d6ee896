package dev.authmd.client.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects a response body up to a cap; one byte more cancels the download and fails with {@link TooLarge}. (The
 * service side has its own in {@code authmd-core}: the client must not depend on the service.)
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body went past the cap. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response body over the cap", null, false, false);
        }
    }

    private final int cap;
    private final java.util.concurrent.atomic.AtomicBoolean overCap;
    private final long declaredLength;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.@Nullable Subscription subscription;

    /**
     * @param cap the most bytes to read
     * @param overCap set when the body went past the cap: the client may report the cancellation as its own
     *     {@code IOException}
     * @param declaredLength the {@code Content-Length}, or -1: a declared length over the cap is refused unread
     */
    CappedBody(int cap, java.util.concurrent.atomic.AtomicBoolean overCap, long declaredLength) {
        this.cap = cap;
        this.overCap = overCap;
        this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLength > cap) {
            overCap.set(true);
            subscription.cancel();
            result.completeExceptionally(new TooLarge());
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if ((long) body.size() + item.remaining() > cap) {
                overCap.set(true);
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
                result.completeExceptionally(new TooLarge());
                return;
            }
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            body.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }
}
