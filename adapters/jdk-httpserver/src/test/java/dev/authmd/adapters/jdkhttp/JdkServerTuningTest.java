package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide settings, in a JVM of their own (the module's tests do not share forks): unset properties are set, a
 * value the host set is kept with a warning that says what it costs, and a later server that asks for other values is
 * told they can no longer change.
 */
class JdkServerTuningTest {

    @Test
    void applyWhenHostSetSomeThenKeepsThemSetsTheRestAndWarnsOnceFixed() {
        System.setProperty(JdkServerTuning.NODELAY, "false");
        System.setProperty(JdkServerTuning.MAX_CONNECTIONS, "50");
        List<String> warnings = new ArrayList<>();

        Map<String, String> effective = JdkServerTuning.apply(wanted("7"), warnings::add);

        assertThat(effective)
                .containsEntry(JdkServerTuning.NODELAY, "false")
                .containsEntry(JdkServerTuning.MAX_REQ_TIME, "7")
                .containsEntry(JdkServerTuning.MAX_RSP_TIME, "10")
                .containsEntry(JdkServerTuning.MAX_CONNECTIONS, "50");
        assertThat(System.getProperty(JdkServerTuning.MAX_REQ_TIME)).isEqualTo("7");
        assertThat(warnings)
                .hasSize(2)
                .anySatisfy(w -> assertThat(w)
                        .startsWith("sun.net.httpserver.nodelay=false was set by the host and is kept")
                        .contains("~40 ms"))
                .anySatisfy(w -> assertThat(w).startsWith("jdk.httpserver.maxConnections=50 was set by the host"));

        warnings.clear();
        Map<String, String> later = JdkServerTuning.apply(wanted("3"), warnings::add);
        assertThat(later).isEqualTo(effective);
        assertThat(warnings)
                .containsExactly(
                        "sun.net.httpserver.nodelay is read once per JVM and is already false; this server gets false,"
                                + " not true",
                        "sun.net.httpserver.maxReqTime is read once per JVM and is already 7; this server gets 7, not"
                                + " 3",
                        "jdk.httpserver.maxConnections is read once per JVM and is already 50; this server gets 50,"
                                + " not 1024");
    }

    private static Map<String, String> wanted(String requestSeconds) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(JdkServerTuning.NODELAY, "true");
        wanted.put(JdkServerTuning.MAX_REQ_TIME, requestSeconds);
        wanted.put(JdkServerTuning.MAX_RSP_TIME, "10");
        wanted.put(JdkServerTuning.MAX_CONNECTIONS, "1024");
        return wanted;
    }
}
