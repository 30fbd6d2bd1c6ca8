package io.leaddedup.job;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter that keeps every metric after the embedded Flink is gone. Flink's
 * InMemoryReporter clears its metrics when the cluster closes it, and a local run's cluster closes
 * asynchronously after the job's result is in: reading the counters after the run then raced with
 * that close, and now and then found none.
 */
public final class RetainedMetrics implements MetricReporter {

    private static final String ID = "id";
    private static final Map<String, RetainedMetrics> BY_ID = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Map<MetricGroup, Map<String, Metric>> metrics = new ConcurrentHashMap<>();

    private RetainedMetrics() {}

    public static RetainedMetrics create() {
        RetainedMetrics reporter = new RetainedMetrics();
        BY_ID.put(reporter.id, reporter);
        return reporter;
    }

    /** Flink configuration entries that install this reporter in a run (as {@code -D} flags). */
    public Map<String, String> configuration() {
        return Map.of("metrics.reporter.retained.factory.class", Factory.class.getName(),
                "metrics.reporter.retained." + ID, id);
    }

    public Map<MetricGroup, Map<String, Metric>> byGroup() {
        return metrics;
    }

    /** Forgets this reporter once the test has read it. */
    public void release() {
        BY_ID.remove(id);
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {
        // kept on purpose: the test reads them after the cluster has closed its reporters
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        metrics.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(name, metric);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // retained: a finished task's counters are the ones the test compares with the outputs
    }

    /** Hands Flink the instance the test created, found by the id in its configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            RetainedMetrics reporter = BY_ID.get(properties.getProperty(ID));
            if (reporter == null) {
                throw new IllegalStateException("no RetainedMetrics with id " + properties.getProperty(ID));
            }
            return reporter;
        }
    }
}
