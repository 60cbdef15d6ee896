package dev.authmd.benchmarks;

import dev.authmd.core.service.AgentAuthService;
import dev.authmd.core.store.memory.InMemoryCredentialStore;
import dev.authmd.core.store.memory.InMemoryRegistrationStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap of the in-memory stores per anonymous registration with its API key (issue 4's target: ≤ 1 KiB). Not a
 * JMH benchmark: it registers {@code n} agents through {@code AgentAuthService.register} (rate limits off), forcing
 * full collections before and after, and divides the growth of the used heap by {@code n}. With {@code --jol} it also
 * walks both stores with JOL and prints their exact graph size and the largest classes.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.authmd.benchmarks.StoreFootprint 1000000
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.authmd.benchmarks.StoreFootprint 100000 --jol
 * </pre>
 */
public final class StoreFootprint {

    private StoreFootprint() {}

    /** @param args {@code [n] [--jol]}; n defaults to 1,000,000 */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        boolean jol = args.length > 1 && args[1].equals("--jol");

        // load and warm every class on the path in a throwaway service
        AgentAuthService warmUp = BenchFixtures.service();
        for (int i = 0; i < 10_000; i++) {
            BenchFixtures.registerAnonymous(warmUp);
        }
        warmUp = null;

        InMemoryRegistrationStore registrations = new InMemoryRegistrationStore();
        InMemoryCredentialStore credentials = new InMemoryCredentialStore();
        AgentAuthService service = BenchFixtures.service(registrations, credentials, Clock.systemUTC());
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            BenchFixtures.registerAnonymous(service);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000;
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(service);

        double perRegistration = (after - before) / (double) n;
        System.out.printf(Locale.ROOT, "registrations: %,d (loaded in %,d ms)%n", n, seconds);
        System.out.printf(Locale.ROOT, "used heap after full GC: before %,d B, after %,d B%n", before, after);
        System.out.printf(
                Locale.ROOT,
                "retained per registration (with its credential): %.0f B = %.2f KiB%n",
                perRegistration,
                perRegistration / 1024);
        if (jol) {
            GraphLayout layout = GraphLayout.parseInstance(registrations, credentials);
            System.out.printf(
                    Locale.ROOT,
                    "JOL graph of both stores: %,d B = %.0f B per registration%n",
                    layout.totalSize(),
                    layout.totalSize() / (double) n);
            System.out.printf(
                    Locale.ROOT,
                    "  registration store alone: %.0f B, credential store alone: %.0f B%n",
                    GraphLayout.parseInstance(registrations).totalSize() / (double) n,
                    GraphLayout.parseInstance(credentials).totalSize() / (double) n);
            System.out.println(layout.toFootprint());
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
