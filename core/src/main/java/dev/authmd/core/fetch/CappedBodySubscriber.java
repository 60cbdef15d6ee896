package dev.authmd.core.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects a response body into a byte array and gives up (cancelling the stream) as soon as it grows past a cap; a
 * {@code Content-Length} above the cap is refused before any byte is read. One instance per exchange.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final int cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final long declaredLength;
    private Flow.@Nullable Subscription subscription;

    private CappedBodySubscriber(int cap, long declaredLength) {
        this.cap = cap;
        this.declaredLength = declaredLength;
    }

    /**
     * Creates a subscriber that refuses a body larger than a cap.
     *
     * @param info the response status and headers
     * @param cap the largest body accepted, in bytes
     * @return a subscriber for this exchange
     */
    static CappedBodySubscriber create(HttpResponse.ResponseInfo info, int cap) {
        OptionalLong length = info.headers().firstValueAsLong("content-length");
        return new CappedBodySubscriber(cap, length.orElse(-1));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (declaredLength > cap) {
            s.cancel();
            result.completeExceptionally(tooLarge());
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int n = item.remaining();
            if (buffer.size() + (long) n > cap) {
                Objects.requireNonNull(subscription, "onSubscribe comes first").cancel();
                result.completeExceptionally(tooLarge());
                return;
            }
            byte[] chunk = new byte[n];
            item.get(chunk);
            buffer.write(chunk, 0, n);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    private RefusedFetchException tooLarge() {
        return new RefusedFetchException("refused: response body larger than " + cap + " bytes");
    }
}
