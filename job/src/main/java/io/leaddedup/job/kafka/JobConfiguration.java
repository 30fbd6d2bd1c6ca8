package io.leaddedup.job.kafka;

import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.topology.FlinkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * Kafka mode's Flink configuration, in layers, so that a shared cluster's configuration is
 * respected: a flag sets what it names; what no flag gives comes from the cluster (config.yaml,
 * REST {@code parallelism}, {@code flink run -p}, the operator) or from {@code -D KEY=VALUE}; the
 * job's own tuning fills only what neither sets; and the few settings the product's guarantees rest
 * on ({@link FlinkSettings#INVARIANTS}) always hold. Embedded on this machine there is no cluster,
 * so the job's defaults stand in for it (parallelism 2, checkpoints under the temporary directory).
 */
public final class JobConfiguration {

    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_PARALLELISM = 128;
    static final int EMBEDDED_PARALLELISM = 2;

    /**
     * @param forEnvironment what the job hands {@code getExecutionEnvironment}: on a cluster it is
     *     laid over the cluster's configuration, so it holds only what the job decides
     * @param effective the configuration the job will run with, for checks and the start-up log
     */
    record Resolved(Configuration forEnvironment, Configuration effective) {

        Duration checkpointInterval() {
            return effective.get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        }

        int parallelism() {
            return effective.get(CoreOptions.DEFAULT_PARALLELISM);
        }

        int maxParallelism() {
            return effective.get(PipelineOptions.MAX_PARALLELISM);
        }

        String checkpointDir() {
            return effective.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        }

        String savepointDir() {
            return effective.get(CheckpointingOptions.SAVEPOINT_DIRECTORY);
        }

        String restorePath() {
            return effective.get(StateRecoveryOptions.SAVEPOINT_PATH);
        }
    }

    private JobConfiguration() {}

    /**
     * @param cluster the cluster's configuration as the job's {@code main} sees it; empty when embedded
     */
    static Resolved resolve(KafkaRun.Options options, Configuration cluster, boolean embedded) {
        Configuration given = new Configuration();
        given.addAll(cluster);
        given.addAll(Configuration.fromMap(options.flinkConfig()));

        Configuration job = new Configuration();
        Map<String, String> tuning = FlinkSettings.tuning();
        tuning.put("restart-strategy.type", "exponential-delay");
        tuning.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        tuning.put("restart-strategy.exponential-delay.max-backoff", "1 min");
        // Network buffers: the call path flushes its own within a millisecond (set on its operators,
        // LeadDedupTopology.CALL_PATH_BUFFER_TIMEOUT_MS); everything else keeps the cluster's
        // interval (Flink's default 100 ms), as its outputs are committed at checkpoints anyway.
        tuning.forEach((key, value) -> {
            if (!given.containsKey(key)) {
                job.setString(key, value);
            }
        });
        job.addAll(Configuration.fromMap(options.flinkConfig()));

        if (options.parallelism() != null) {
            job.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        } else if (embedded && !given.contains(CoreOptions.DEFAULT_PARALLELISM)) {
            job.set(CoreOptions.DEFAULT_PARALLELISM, EMBEDDED_PARALLELISM);
        }
        // Key groups must never change for a job's state: fix them even when the cluster names none,
        // rather than let Flink derive them from the first parallelism.
        if (options.maxParallelism() != null) {
            job.set(PipelineOptions.MAX_PARALLELISM, options.maxParallelism());
        } else if (!given.contains(PipelineOptions.MAX_PARALLELISM)) {
            job.set(PipelineOptions.MAX_PARALLELISM, DEFAULT_MAX_PARALLELISM);
        }
        Duration interval = options.checkpointInterval();
        if (interval != null) {
            job.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        } else if (!given.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            job.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, DEFAULT_CHECKPOINT_INTERVAL);
        }
        if (options.checkpointDir() != null) {
            job.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        } else if (given.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
            if (!embedded) {
                throw new UsageException("no checkpoint directory: set execution.checkpointing.dir in the cluster's"
                        + " configuration (config.yaml, or flinkConfiguration of the operator), or pass"
                        + " --checkpoint-dir, on a file system or object store every JobManager and TaskManager"
                        + " reaches. The job does not start with checkpoints that no other node could restore.");
            }
            job.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Path.of(System.getProperty("java.io.tmpdir"),
                    "lead-dedup", "checkpoints").toUri().toString());
        }
        if (options.restorePath() != null) {
            job.set(StateRecoveryOptions.SAVEPOINT_PATH, options.restorePath());
        }
        // A bootstrap's savepoint holds the state of local mode's reader and in-band ingest as well,
        // which Kafka mode has no operator for; every stage Kafka mode has keeps its uid. A REST
        // submission always carries allowNonRestoredState (false unless ticked), so only -D decides.
        if ((options.restorePath() != null || given.contains(StateRecoveryOptions.SAVEPOINT_PATH))
                && !Configuration.fromMap(options.flinkConfig()).contains(
                        StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)) {
            job.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        FlinkSettings.INVARIANTS.forEach(job::setString);

        Configuration effective = new Configuration();
        effective.addAll(given);
        effective.addAll(job);
        Duration effectiveInterval = effective.get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        if (effectiveInterval == null || effectiveInterval.toMillis() < 100) {
            throw new UsageException("the checkpoint interval must be at least 100ms (--checkpoint-interval or"
                    + " execution.checkpointing.interval), got " + effectiveInterval
                    + ": exactly-once output is committed at each checkpoint");
        }
        if (!given.contains(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)) {
            job.setString("execution.checkpointing.min-pause", FlinkSettings.minPause(effectiveInterval));
            effective.setString("execution.checkpointing.min-pause", FlinkSettings.minPause(effectiveInterval));
        }
        if (options.transactionTimeout().compareTo(effectiveInterval.multipliedBy(3)) < 0) {
            throw new UsageException("--transaction-timeout (" + options.transactionTimeout()
                    + ") must be at least three checkpoint intervals (" + effectiveInterval + "), or transactions"
                    + " of a slow checkpoint would be aborted by the broker");
        }
        int parallelism = effective.get(CoreOptions.DEFAULT_PARALLELISM);
        int maxParallelism = effective.get(PipelineOptions.MAX_PARALLELISM);
        if (maxParallelism < parallelism) {
            throw new UsageException("the max parallelism (" + maxParallelism + ", --max-parallelism) must not be"
                    + " below the parallelism (" + parallelism + ")");
        }
        return new Resolved(job, effective);
    }
}
