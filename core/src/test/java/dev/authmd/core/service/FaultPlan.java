package dev.authmd.core.service;

import dev.authmd.spi.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Shared by the fault-injecting stores: records every store call by name ({@code registrations.update}, …) and throws a
 * {@link StoreException} on the n-th call of one operation, either before it reaches the store or after the store did
 * it (a commit whose acknowledgement was lost).
 */
final class FaultPlan {

    /** When the armed call fails. */
    enum When {
        BEFORE,
        AFTER
    }

    /** One call of the trace. */
    record Call(String op, int occurrence) {}

    private record Armed(String op, int nth, When when, AtomicInteger seen, AtomicBoolean fired) {}

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private volatile Armed armed;

    void failOn(String op, int nth, When when) {
        armed = new Armed(op, nth, when, new AtomicInteger(), new AtomicBoolean());
    }

    void clear() {
        armed = null;
    }

    boolean fired() {
        Armed a = armed;
        return a != null && a.fired().get();
    }

    void resetTrace() {
        trace.clear();
    }

    /** @return the calls since the last reset, each with its occurrence number of that operation */
    List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (String op : trace) {
            calls.add(new Call(op, seen.merge(op, 1, Integer::sum)));
        }
        return calls;
    }

    <T> T call(String op, Supplier<T> action) {
        trace.add(op);
        Armed a = armed;
        boolean hit = a != null && a.op().equals(op) && a.seen().incrementAndGet() == a.nth();
        if (hit && a.when() == When.BEFORE) {
            a.fired().set(true);
            throw new StoreException("injected fault before " + op);
        }
        T result = action.get();
        if (hit) {
            a.fired().set(true);
            throw new StoreException("injected fault after " + op);
        }
        return result;
    }
}
