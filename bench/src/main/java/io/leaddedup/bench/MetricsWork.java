package io.leaddedup.bench;

import io.leaddedup.metrics.DomainMetrics;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * What the domain metrics do for one event, timed with the job's own metric classes: a bound on
 * their cost that does not drown in the machine's noise, as the with-and-without runs do. One
 * event gets at most {@value #COUNTS} counter increments and {@value #SAMPLES} histogram samples
 * (a lead with a mobile: read, two numbers' count records, status, acceptance, an action or two;
 * a sample per number), which is more than the job's average.
 */
final class MetricsWork {

    static final int COUNTS = 10;
    static final int SAMPLES = 3;

    private final Counter[] counters = new Counter[COUNTS];
    private final DescriptiveStatisticsHistogram histogram =
            new DescriptiveStatisticsHistogram(DomainMetrics.HISTOGRAM_WINDOW);

    MetricsWork() {
        for (int i = 0; i < COUNTS; i++) {
            counters[i] = new DomainMetrics.MirroredCounter(new LongCounter(), 0);
        }
    }

    /** Nanoseconds of metric work per event: the best of five timed passes after a warm-up. */
    static double nanosPerEvent() {
        MetricsWork work = new MetricsWork();
        int events = 5_000_000;
        work.events(events);
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 5; pass++) {
            long started = System.nanoTime();
            work.events(events);
            best = Math.min(best, (double) (System.nanoTime() - started) / events);
        }
        if (work.total() == 0) {
            throw new IllegalStateException("the counters counted nothing");
        }
        return best;
    }

    private void events(int events) {
        for (int e = 0; e < events; e++) {
            for (Counter counter : counters) {
                counter.inc();
            }
            for (int s = 0; s < SAMPLES; s++) {
                histogram.update(e & 31);
            }
        }
    }

    private long total() {
        long total = histogram.getCount();
        for (Counter counter : counters) {
            total += counter.getCount();
        }
        return total;
    }
}
