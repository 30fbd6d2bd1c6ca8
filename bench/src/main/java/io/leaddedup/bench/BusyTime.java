package io.leaddedup.bench;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Where a contender's time goes: each task's busy time over the run, from Flink's own task metric
 * {@code accumulateBusyTimeMs} (the total behind {@code busyTimeMsPerSecond}). A metric reporter in
 * the bench's process reads the total when the task ends and unregisters it. A task busy for
 * nearly the whole run is the bound; the others wait for it.
 */
public final class BusyTime implements MetricReporter {

    private static final String METRIC = "accumulateBusyTimeMs";

    /** Busy milliseconds by task name, summed over subtasks, of the tasks that ended since {@link #reset}. */
    private static final Map<String, Long> ENDED = new ConcurrentHashMap<>();
    /** How many subtasks each task had. */
    private static final Map<String, Integer> SUBTASKS = new ConcurrentHashMap<>();

    /** Adds the reporter to a job's configuration. */
    static Configuration reportingTo(Configuration conf) {
        conf.setString("metrics.reporter.busy.factory.class", Factory.class.getName());
        return conf;
    }

    static void reset() {
        ENDED.clear();
        SUBTASKS.clear();
    }

    /**
     * Each task's busy share of the run's wall time, averaged over its subtasks, in percent; task
     * names shortened to their operators' first words.
     */
    static Map<String, Double> sharesOf(long wallMillis) {
        Map<String, Double> shares = new TreeMap<>();
        ENDED.forEach((task, busy) -> shares.put(shortName(task),
                Bench.round(100.0 * busy / SUBTASKS.get(task) / Math.max(1, wallMillis))));
        return shares;
    }

    private static String shortName(String task) {
        String name = task.length() > 60 ? task.substring(0, 57) + "..." : task;
        return name.replace('"', '\'');
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {}

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (!METRIC.equals(name) || !(metric instanceof Gauge<?> gauge)) {
            return;
        }
        String task = group.getAllVariables().getOrDefault("<task_name>", "?");
        Object value = gauge.getValue();
        if (value instanceof Number busy && !Double.isNaN(busy.doubleValue())) {
            ENDED.merge(task, busy.longValue(), Long::sum);
            SUBTASKS.merge(task, 1, Integer::sum);
        }
    }

    /** Named in the configuration; Flink creates the reporter through it. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new BusyTime();
        }
    }
}
