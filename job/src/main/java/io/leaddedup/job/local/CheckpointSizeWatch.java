package io.leaddedup.job.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The size of a local job's state: Flink's own figure for its last completed checkpoint, the
 * JobManager's {@code lastCheckpointFullSize} gauge (every file the checkpoint references, those it
 * shares with earlier incremental checkpoints included). A metric reporter in this process holds the
 * gauge and reads it a last time when Flink removes it at the job's end.
 *
 * <p>This replaces summing the checkpoint directory every second, which raced with Flink: a sample
 * could hold the files of a checkpoint still being uploaded beside those of the one it replaces, and
 * the last sample, taken as Flink discarded the finished job's checkpoint, a part of it. The figure is
 * now the one the web UI and a cluster's dashboards show as the full checkpoint size.
 */
public final class CheckpointSizeWatch implements MetricReporter {

    static final String GAUGE = "lastCheckpointFullSize";
    private static final String NAME = "statesize";
    private static final String REPORTER = "metrics.reporter." + NAME + ".";
    private static final String WATCH_ID = "watch";

    /** The watches of the runs in progress in this process, by id: Flink creates each reporter by name. */
    private static final Map<String, CheckpointSizeWatch> WATCHES = new ConcurrentHashMap<>();

    private final String id;
    private volatile Gauge<?> gauge;
    private volatile long lastBytes = -1;

    private CheckpointSizeWatch(String id) {
        this.id = id;
    }

    /**
     * Adds a watch to a job's whole configuration ({@code -D} entries included); Flink creates it with
     * the job's embedded cluster. A {@code metrics.reporters} list from {@code -D} would leave it out,
     * so it is added to the list.
     */
    static CheckpointSizeWatch watching(Configuration conf) {
        CheckpointSizeWatch watch = new CheckpointSizeWatch(UUID.randomUUID().toString());
        WATCHES.put(watch.id, watch);
        conf.setString(REPORTER + "factory.class", Factory.class.getName());
        conf.setString(REPORTER + WATCH_ID, watch.id);
        conf.getOptional(MetricOptions.REPORTERS_LIST).filter(enabled -> !enabled.isBlank())
                .ifPresent(enabled -> conf.set(MetricOptions.REPORTERS_LIST, enabled + "," + NAME));
        return watch;
    }

    /** The full size of the job's last completed checkpoint in bytes, or -1 when it took none. */
    long stop() {
        WATCHES.remove(id);
        read();
        return lastBytes;
    }

    private void read() {
        Gauge<?> current = gauge;
        if (current != null && current.getValue() instanceof Number bytes && bytes.longValue() > 0) {
            lastBytes = bytes.longValue();
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (GAUGE.equals(name) && metric instanceof Gauge<?> added) {
            gauge = added;
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (GAUGE.equals(name) && metric == gauge) {
            read();
            gauge = null;
        }
    }

    /** The size of a directory's files (a savepoint's); files that vanish meanwhile are skipped. */
    static long sizeOf(Path dir) {
        long[] bytes = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    bytes[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return bytes[0];
        } catch (IOException e) {
            return -1;
        }
    }

    /** Named in the configuration: hands Flink the watch its run registered. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            CheckpointSizeWatch watch = WATCHES.get(properties.getProperty(WATCH_ID, ""));
            // A run that already stopped (or a configuration copied elsewhere) gets a reporter that watches nothing.
            return watch != null ? watch : new CheckpointSizeWatch("");
        }
    }
}
