package dev.authmd.adapters.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host that created a JDK server before the adapter is told the adapter's settings may not be in effect, nothing is
 * set, and the settings are reported as unknown.
 */
class JdkServerCreatedFirstTest {

    @Test
    void applyWhenAJdkServerExistsThenWarnsSetsNothingAndReportsUnknown() throws Exception {
        HttpServer hosts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            List<String> warnings = new ArrayList<>();
            Map<String, String> effective =
                    JdkServerTuning.apply(Map.of(JdkServerTuning.NODELAY, "true"), warnings::add);
            assertThat(effective).containsExactly(Map.entry(JdkServerTuning.NODELAY, JdkServerTuning.UNKNOWN));
            assertThat(System.getProperty(JdkServerTuning.NODELAY))
                    .as("nothing is set that the JDK would not read")
                    .isNull();
            assertThat(warnings)
                    .singleElement()
                    .satisfies(w -> assertThat(w)
                            .startsWith("a JDK HttpServer was created in this JVM before the authmd adapter")
                            .contains("sun.net.httpserver.nodelay=true"));
        } finally {
            hosts.stop(0);
        }
    }
}
