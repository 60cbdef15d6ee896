package dev.authmd.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting the CPU time the benchmark JVM spent per operation ({@code ·cpu.us/op}): all its threads
 * (benchmark, GC, JIT) over the measured window, divided by the operations measured. Unlike the wall-clock score it
 * hardly moves when other processes share the cores, so it is the figure to compare on a busy machine; on an idle core
 * {@code 1e6 / cpu.us/op} is the single-thread throughput. In {@code SingleShotTime} the operation is one call, not the
 * batch. The JVM reports CPU time in 10 ms ticks: keep iterations long (seconds). Use with {@code -prof
 * dev.authmd.benchmarks.CpuTimeProfiler}. Not for benchmarks whose iteration set-up does heavy work (its CPU time would
 * be counted).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startCpuNanos;

    /** Created by JMH from its class name. */
    public CpuTimeProfiler() {}

    @Override
    public String getDescription() {
        return "process CPU time per operation, insensitive to other processes' load";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startCpuNanos = os.getProcessCpuTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's own signature uses the raw Result type
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - startCpuNanos;
        // in SingleShotTime one measured "op" is a batch of calls
        long ops = result.getMetadata().getMeasuredOps() * Math.max(1, iterationParams.getBatchSize());
        if (ops <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult("cpu.us/op", cpuNanos / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
    }
}
