package io.leaddedup.job.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class CheckpointSizeWatchTest {

    private static final MetricGroup JOB = new UnregisteredMetricsGroup();

    @Test
    void reportsTheLastCheckpointsFullSizeAsFlinkRemovesTheGauge() {
        Configuration conf = new Configuration();
        CheckpointSizeWatch watch = CheckpointSizeWatch.watching(conf);
        MetricReporter reporter = reporterFlinkCreates(conf);
        AtomicLong fullSize = new AtomicLong(0);
        Gauge<Long> gauge = fullSize::get;

        reporter.notifyOfAddedMetric(gauge, "lastCheckpointSize", JOB);
        reporter.notifyOfAddedMetric(gauge, CheckpointSizeWatch.GAUGE, JOB);
        fullSize.set(1_200_000);
        fullSize.set(1_500_000);
        reporter.notifyOfRemovedMetric(gauge, CheckpointSizeWatch.GAUGE, JOB);
        fullSize.set(0);

        assertThat(reporter).isSameAs(watch);
        assertThat(watch.stop()).isEqualTo(1_500_000);
    }

    @Test
    void readsTheGaugeStillRegisteredWhenTheRunStops() {
        Configuration conf = new Configuration();
        CheckpointSizeWatch watch = CheckpointSizeWatch.watching(conf);
        Gauge<Long> gauge = () -> 42_000L;
        reporterFlinkCreates(conf).notifyOfAddedMetric(gauge, CheckpointSizeWatch.GAUGE, JOB);

        assertThat(watch.stop()).isEqualTo(42_000);
    }

    @Test
    void aJobThatTookNoCheckpointHasNoSize() {
        Configuration conf = new Configuration();
        CheckpointSizeWatch watch = CheckpointSizeWatch.watching(conf);
        Gauge<Long> noneYet = () -> -1L;
        reporterFlinkCreates(conf).notifyOfAddedMetric(noneYet, CheckpointSizeWatch.GAUGE, JOB);

        assertThat(watch.stop()).isEqualTo(-1);
    }

    @Test
    void staysEnabledWhenTheUsersConfigurationNamesItsReporters() {
        Configuration conf = new Configuration();
        conf.set(MetricOptions.REPORTERS_LIST, "prom");
        CheckpointSizeWatch.watching(conf).stop();

        assertThat(conf.get(MetricOptions.REPORTERS_LIST).split(",")).hasSize(2).contains("prom");
        Configuration none = new Configuration();
        CheckpointSizeWatch.watching(none).stop();
        assertThat(none.getOptional(MetricOptions.REPORTERS_LIST)).isEmpty();
    }

    @Test
    void twoRunsInOneProcessWatchTheirOwnJobs() {
        Configuration first = new Configuration();
        Configuration second = new Configuration();
        CheckpointSizeWatch one = CheckpointSizeWatch.watching(first);
        CheckpointSizeWatch two = CheckpointSizeWatch.watching(second);
        reporterFlinkCreates(first).notifyOfAddedMetric((Gauge<Long>) () -> 1000L, CheckpointSizeWatch.GAUGE, JOB);
        reporterFlinkCreates(second).notifyOfAddedMetric((Gauge<Long>) () -> 2000L, CheckpointSizeWatch.GAUGE, JOB);

        assertThat(one.stop()).isEqualTo(1000);
        assertThat(two.stop()).isEqualTo(2000);
    }

    /** What Flink does with a {@code metrics.reporter.NAME.*} entry: the factory, given that reporter's properties. */
    private static MetricReporter reporterFlinkCreates(Configuration conf) {
        Properties properties = new Properties();
        String prefix = "metrics.reporter.statesize.";
        conf.toMap().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                properties.setProperty(key.substring(prefix.length()), value);
            }
        });
        assertThat(properties.getProperty("factory.class")).isEqualTo(CheckpointSizeWatch.Factory.class.getName());
        return new CheckpointSizeWatch.Factory().createMetricReporter(properties);
    }
}
