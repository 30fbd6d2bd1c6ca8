package io.leaddedup.bench;

import io.leaddedup.job.local.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the job's domain metrics cost: the full job with them and without them on the same data in
 * the same rounds. Each round gives a pair, and the cost is the median over the pairs of the
 * throughput lost and of the CPU time added, so that the machine's drift from round to round
 * cancels out of each pair.
 */
final class MetricsCost {

    private final List<JobRun> with = new ArrayList<>();
    private final List<JobRun> without = new ArrayList<>();
    private final List<Long> events = new ArrayList<>();

    void with(JobRun run, long runEvents) {
        with.add(run);
        events.add(runEvents);
    }

    void measureWithout(int round, Callable<RunSummary> job, long runEvents) throws Exception {
        JobRun run = JobRun.of(job);
        without.add(run);
        Bench.report(round, "full job, no metrics", runEvents, run.summary().elapsed());
    }

    void report(Map<String, Object> result) {
        int pairs = Math.min(with.size(), without.size());
        List<Double> throughputCost = new ArrayList<>();
        List<Double> cpuCost = new ArrayList<>();
        List<Double> withoutThroughput = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double withRate = events.get(i) / Bench.seconds(with.get(i).summary().elapsed());
            double withoutRate = events.get(i) / Bench.seconds(without.get(i).summary().elapsed());
            withoutThroughput.add(withoutRate);
            throughputCost.add(100 * (1 - withRate / withoutRate));
            cpuCost.add(100 * ((double) with.get(i).cpu().toNanos() / without.get(i).cpu().toNanos() - 1));
        }
        result.put("fullJobWithoutMetricsEventsPerSec", Math.round(Bench.median(withoutThroughput)));
        result.put("metricsThroughputCostPercentRuns", throughputCost.stream().map(Bench::round).toList());
        result.put("metricsCpuCostPercentRuns", cpuCost.stream().map(Bench::round).toList());
        result.put("metricsThroughputCostPercent", Bench.round(Bench.median(throughputCost)));
        result.put("metricsCpuCostPercent", Bench.round(Bench.median(cpuCost)));
        System.out.printf(Locale.ROOT, "metrics cost (median of %d pairs): %.1f%% throughput, %.1f%% CPU time%n",
                pairs, Bench.median(throughputCost), Bench.median(cpuCost));

        // The pairs above move by more than the metrics can cost; the bound below does not.
        List<Double> cpuPerEvent = new ArrayList<>();
        for (int i = 0; i < with.size(); i++) {
            cpuPerEvent.add((double) with.get(i).cpu().toNanos() / events.get(i));
        }
        double jobNanos = Bench.median(cpuPerEvent);
        double metricNanos = MetricsWork.nanosPerEvent();
        result.put("fullJobCpuNanosPerEvent", Math.round(jobNanos));
        result.put("metricsWorkNanosPerEvent", Bench.round(metricNanos));
        result.put("metricsCostPercentBound", Math.round(100_000 * metricNanos / jobNanos) / 1000.0);
        System.out.printf(Locale.ROOT, "metrics work: %.1f ns per event (%d counts, %d samples) against %,d ns of CPU"
                        + " per event for the whole job: at most %.2f%%%n", metricNanos, MetricsWork.COUNTS,
                MetricsWork.SAMPLES, Math.round(jobNanos), 100 * metricNanos / jobNanos);
    }
}
