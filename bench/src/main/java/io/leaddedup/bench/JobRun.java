package io.leaddedup.bench;

import io.leaddedup.job.local.RunSummary;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One run of the full job with the CPU time the whole process spent on it (every thread: the
 * job's tasks, RocksDB's, the garbage collector's, the compiler's). CPU time moves less than wall
 * time when the machine's neighbours take turns, so a small difference is read from it.
 */
record JobRun(RunSummary summary, Duration cpu) {

    static JobRun of(Callable<RunSummary> job) throws Exception {
        long cpuBefore = processCpuNanos();
        RunSummary summary = job.call();
        return new JobRun(summary, Duration.ofNanos(processCpuNanos() - cpuBefore));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
