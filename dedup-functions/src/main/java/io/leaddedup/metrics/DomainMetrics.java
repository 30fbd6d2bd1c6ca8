package io.leaddedup.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The job's domain metrics, in one group ({@value #GROUP}) of each operator's metric group, so
 * that every reporter (Prometheus on a cluster, {@code --metrics-port} embedded) shows them beside
 * Flink's own. A label, such as the action of a lead action, is a key-value group: Prometheus
 * turns it into a label of one metric rather than a metric per value.
 *
 * <p>Counters are checkpointed with the operator ({@link #restore}, {@link #snapshot}): after a
 * failover or a restore from a savepoint they go on from the checkpoint's values, so they count
 * what the job's state and committed output hold, exactly once, like the output topics (a counter
 * a reporter shows may step back to the checkpoint's value at a failover, and the records
 * processed again then count again). Over a rescale the per-subtask values are redistributed and
 * their sum is kept.
 *
 * <p>Each counter is mirrored in an accumulator of the same name ({@code name} or
 * {@code name.value}), which counts this run only: Flink hands the accumulators back when a job
 * ends, which is where local mode's summary comes from.
 *
 * <p>The global job parameter {@value #SWITCH}{@code =false} turns them off: every counter and
 * histogram is then a no-op, nothing is registered and the run summary has no counts. It exists
 * so that the bench can measure what the metrics cost, alternating with and without them in one
 * process; docs/performance.md gives the figure. Not for a deployment whose counts matter: while
 * off, a checkpoint carries the restored counts unchanged, so turned on again they miss what
 * happened meanwhile.
 */
public final class DomainMetrics {

    public static final String GROUP = "leaddedup";

    /** Global job parameter ({@code pipeline.global-job-parameters}); {@code false} turns the metrics off. */
    public static final String SWITCH = "lead-dedup.domain-metrics";

    /** Samples a histogram keeps: enough for a p99 over the last stretch of traffic. */
    public static final int HISTOGRAM_WINDOW = 1024;

    private final RuntimeContext context;
    private final MetricGroup group;
    private final boolean on;
    /** The counters by accumulator name, for the checkpoint. */
    private final Map<String, MirroredCounter> counters = new HashMap<>();
    /** Values restored from a checkpoint, by accumulator name; a counter registered later starts from its value. */
    private final Map<String, Long> restored = new HashMap<>();
    private ListState<CounterValue> state;

    private DomainMetrics(RuntimeContext context) {
        this.context = context;
        this.on = !"false".equalsIgnoreCase(context.getGlobalJobParameters().get(SWITCH));
        this.group = on ? context.getMetricGroup().addGroup(GROUP) : null;
    }

    /**
     * Metrics whose counters are checkpointed in the operator's state: call from
     * {@code initializeState}, before the counters are registered.
     */
    public static DomainMetrics restore(RuntimeContext context, FunctionInitializationContext initialization)
            throws Exception {
        DomainMetrics metrics = new DomainMetrics(context);
        metrics.state = initialization.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("domain-counters", TypeInformation.of(CounterValue.class)));
        for (CounterValue value : metrics.state.get()) {
            metrics.restored.merge(value.name, value.count, Long::sum);
        }
        return metrics;
    }

    /** Call from {@code snapshotState}: one entry per counter of this subtask. */
    public void snapshot() throws Exception {
        List<CounterValue> values = new ArrayList<>();
        counters.forEach((name, counter) -> values.add(new CounterValue(name, counter.getCount())));
        // counters not registered in this run (a stage that no longer counts something) are kept
        restored.forEach((name, count) -> {
            if (!counters.containsKey(name)) {
                values.add(new CounterValue(name, count));
            }
        });
        state.update(values);
    }

    public Counter counter(String name) {
        return on ? register(group, name, name) : OffCounter.INSTANCE;
    }

    /** One counter of a labelled family: {@code name{label="value"}}; accumulator {@code name.value}. */
    public Counter counter(String name, String label, String value) {
        return on ? register(group.addGroup(label, value), name, name + "." + value) : OffCounter.INSTANCE;
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
        return on ? group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW)) : OffHistogram.INSTANCE;
    }

    /** Stages chained into one task share its accumulators: a name already there is added to. */
    private Counter register(MetricGroup in, String name, String accumulatorName) {
        Object existing = context.getAccumulator(accumulatorName);
        LongCounter accumulator;
        if (existing instanceof LongCounter counter) {
            accumulator = counter;
        } else {
            accumulator = new LongCounter();
            context.addAccumulator(accumulatorName, accumulator);
        }
        MirroredCounter counter = new MirroredCounter(accumulator, restored.getOrDefault(accumulatorName, 0L));
        counters.put(accumulatorName, counter);
        return in.counter(name, counter);
    }

    /** One counter's value in a checkpoint. A POJO: Flink serializes it without Kryo. */
    public static class CounterValue {
        public String name;
        public long count;

        public CounterValue() {}

        CounterValue(String name, long count) {
            this.name = name;
            this.count = count;
        }
    }

    /** A counter that also adds to an accumulator. Public for the bench, which times what it costs. */
    public static final class MirroredCounter implements Counter {
        private final LongCounter accumulator;
        private long count;

        public MirroredCounter(LongCounter accumulator, long start) {
            this.accumulator = accumulator;
            this.count = start;
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

    /** A counter when the metrics are off: it counts nothing. */
    private static final class OffCounter implements Counter {
        static final OffCounter INSTANCE = new OffCounter();

        @Override
        public void inc() {}

        @Override
        public void inc(long n) {}

        @Override
        public void dec() {}

        @Override
        public void dec(long n) {}

        @Override
        public long getCount() {
            return 0;
        }
    }

    /** A histogram when the metrics are off: it keeps no sample. */
    private static final class OffHistogram implements Histogram {
        static final OffHistogram INSTANCE = new OffHistogram();
        private static final HistogramStatistics EMPTY = new DescriptiveStatisticsHistogram(1).getStatistics();

        @Override
        public void update(long value) {}

        @Override
        public long getCount() {
            return 0;
        }

        @Override
        public HistogramStatistics getStatistics() {
            return EMPTY;
        }
    }
}
