package io.leaddedup.metrics;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The job's domain metrics, in one group ({@value #GROUP}) of each operator's metric group, so
 * that every reporter (Prometheus on a cluster, {@code --metrics-port} embedded) shows them beside
 * Flink's own. A label, such as the action of a lead action, is a key-value group: Prometheus
 * turns it into a label of one metric rather than a metric per value.
 *
 * <p>Each counter is mirrored in an accumulator of the same name ({@code name} or
 * {@code name.value}): Flink hands the accumulators back when a job ends, which is where local
 * mode's summary comes from.
 */
public final class DomainMetrics {

    public static final String GROUP = "leaddedup";

    /** Samples a histogram keeps: enough for a p99 over the last stretch of traffic. */
    private static final int HISTOGRAM_WINDOW = 1024;

    private final RuntimeContext context;
    private final MetricGroup group;

    private DomainMetrics(RuntimeContext context) {
        this.context = context;
        this.group = context.getMetricGroup().addGroup(GROUP);
    }

    public static DomainMetrics of(RuntimeContext context) {
        return new DomainMetrics(context);
    }

    public Counter counter(String name) {
        return register(group, name, name);
    }

    /** One counter of a labelled family: {@code name{label="value"}}; accumulator {@code name.value}. */
    public Counter counter(String name, String label, String value) {
        return register(group.addGroup(label, value), name, name + "." + value);
    }

    /** A counter per constant of {@code values}, indexed by ordinal. */
    public <E extends Enum<E>> Counter[] counters(String name, String label, Class<E> values) {
        E[] constants = values.getEnumConstants();
        Counter[] counters = new Counter[constants.length];
        for (E constant : constants) {
            counters[constant.ordinal()] = counter(name, label, constant.name());
        }
        return counters;
    }

    public Histogram histogram(String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }

    /** Stages chained into one task share its accumulators: a name already there is added to. */
    @SuppressWarnings("unchecked")
    private Counter register(MetricGroup in, String name, String accumulatorName) {
        Object existing = context.getAccumulator(accumulatorName);
        LongCounter accumulator;
        if (existing instanceof LongCounter counter) {
            accumulator = counter;
        } else {
            accumulator = new LongCounter();
            context.addAccumulator(accumulatorName, accumulator);
        }
        return in.counter(name, new MirroredCounter(accumulator));
    }

    /** A counter that also adds to an accumulator. */
    private static final class MirroredCounter implements Counter {
        private final LongCounter accumulator;
        private long count;

        MirroredCounter(LongCounter accumulator) {
            this.accumulator = accumulator;
        }

        @Override
        public void inc() {
            count++;
            accumulator.add(1L);
        }

        @Override
        public void inc(long n) {
            count += n;
            accumulator.add(n);
        }

        @Override
        public void dec() {
            inc(-1);
        }

        @Override
        public void dec(long n) {
            inc(-n);
        }

        @Override
        public long getCount() {
            return count;
        }
    }
}
