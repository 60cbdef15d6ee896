package dev.authmd.adapters.jdkhttp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The JDK server's JVM-wide settings. {@code com.sun.net.httpserver} reads {@code sun.net.httpserver.nodelay},
 * {@code maxReqTime}, {@code maxRspTime} and {@code jdk.httpserver.maxConnections} once, when the first server of the
 * JVM is created; later changes to the system properties do nothing. So the adapter can only set them before that
 * moment, and only where the host has not set them itself.
 *
 * <p>{@link #apply} sets each property the host left unset, keeps (with a warning) each one the host set otherwise,
 * warns when a JDK server already existed before the first call, and on later calls warns about every value that can no
 * longer change. It returns the values in effect.
 */
final class JdkServerTuning {

    static final String NODELAY = "sun.net.httpserver.nodelay";
    static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
    static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
    /** The most header fields the JDK reads before it closes the connection unanswered (its default: 200). */
    static final String MAX_REQ_HEADERS = "sun.net.httpserver.maxReqHeaders";
    /**
     * How often the JDK closes idle connections, silent new ones included (milliseconds; the JDK's default is 10 s).
     */
    static final String IDLE_CHECK_MILLIS = "sun.net.httpserver.clockTick";

    /** Reported for every setting when a JDK server read them before the adapter could set them. */
    static final String UNKNOWN = "unknown";

    /**
     * Threads every JDK server starts: the idle-connection timer when it is created, the dispatcher when it is started.
     * One alive means a server was created before us (a heuristic: a server already stopped leaves none).
     */
    private static final Set<String> JDK_SERVER_THREADS = Set.of("idle-timeout-task", "HTTP-Dispatcher");

    private static Map<String, String> inEffect = Map.of();

    private JdkServerTuning() {}

    /**
     * Makes the wanted values the JVM's, where that is still possible.
     *
     * @param wanted property name to value, in the JDK's units (seconds for the deadlines)
     * @param warn receives one sentence per value that is not (or may not be) the wanted one
     * @return the values in effect for every wanted property
     */
    static synchronized Map<String, String> apply(Map<String, String> wanted, Consumer<String> warn) {
        Objects.requireNonNull(wanted, "wanted cannot be null");
        Objects.requireNonNull(warn, "warn cannot be null");
        if (!inEffect.isEmpty()) {
            wanted.forEach((name, value) -> {
                String actual = inEffect.get(name);
                if (actual != null && !actual.equals(value)) {
                    warn.accept(name + " is read once per JVM and is already " + actual + "; this server gets " + actual
                            + ", not " + value);
                }
            });
            return inEffect;
        }
        Map<String, String> effective = new LinkedHashMap<>();
        if (jdkServerExists()) {
            warn.accept("a JDK HttpServer was created in this JVM before the authmd adapter could configure it; "
                    + "the JDK read its settings then, so " + wanted + " may not be in effect");
            wanted.keySet().forEach(name -> effective.put(name, UNKNOWN));
            inEffect = Map.copyOf(effective);
            return inEffect;
        }
        wanted.forEach((name, value) -> {
            String hostValue = System.getProperty(name);
            if (hostValue == null) {
                System.setProperty(name, value);
                effective.put(name, value);
            } else {
                effective.put(name, hostValue);
                if (!hostValue.equals(value)) {
                    warn.accept(name + "=" + hostValue + " was set by the host and is kept (the adapter would set "
                            + value + ")" + consequence(name, hostValue));
                }
            }
        });
        inEffect = Map.copyOf(effective);
        return inEffect;
    }

    private static String consequence(String name, String value) {
        return switch (name) {
            case NODELAY ->
                "true".equalsIgnoreCase(value.trim())
                        ? ""
                        : ": answers on keep-alive connections can wait ~40 ms each (Nagle's algorithm and the "
                                + "client's delayed ACK)";
            case MAX_REQ_TIME ->
                positive(value) ? "" : ": a slow client can hold a worker thread for as long as it likes";
            case MAX_RSP_TIME -> positive(value) ? "" : ": a client that never reads can hold a worker thread";
            case IDLE_CHECK_MILLIS -> ": silent connections are closed only when this timer runs";
            default -> "";
        };
    }

    private static boolean positive(String value) {
        try {
            return Long.parseLong(value.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean jdkServerExists() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && JDK_SERVER_THREADS.contains(t.getName()));
    }
}
