package io.leaddedup.job.topology;

import io.leaddedup.job.kafka.JobConfiguration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration every mode runs with: RocksDB with incremental checkpoints, exactly-once
 * checkpointing, and no Kryo (a type Flink cannot serialize natively fails the job at build time
 * instead of silently costing throughput and savepoint compatibility). On a cluster, see
 * {@link JobConfiguration} for how these meet the cluster's own configuration.
 */
public final class FlinkSettings {

    /**
     * What the job always runs with, whatever a cluster's configuration says: exactly-once output
     * rests on exactly-once checkpoints, state beyond memory on RocksDB, and savepoint compatibility
     * on no type falling back to Kryo.
     */
    public static final Map<String, String> INVARIANTS = Map.of(
            "state.backend.type", "rocksdb",
            "execution.checkpointing.mode", "EXACTLY_ONCE",
            "pipeline.generic-types", "false");

    private FlinkSettings() {}

    /** The job's own tuning: each key applies unless the cluster's configuration (or {@code -D}) sets it. */
    public static Map<String, String> tuning() {
        Map<String, String> conf = new HashMap<>();
        conf.put("execution.checkpointing.incremental", "true");
        conf.put("execution.checkpointing.timeout", "10 min");
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        // Chained operators hand records over without a defensive copy. Safe here: no function keeps
        // or changes a record it received after handing it on (records crossing the network are
        // always deserialized into new objects, whatever this says).
        conf.put("pipeline.object-reuse", "true");
        // Most reads of a new lead or number miss: a bloom filter answers those without touching disk.
        conf.put("state.backend.rocksdb.use-bloom-filter", "true");
        // Once state outgrows the block cache, perf showed whole-file filter blocks (megabytes each)
        // evicted and reloaded on nearly every read; partitioned ones load a few kilobytes.
        conf.put("state.backend.rocksdb.memory.partitioned-index-filters", "true");
        // Snappy (RocksDB's default) in flushes, compactions and reads cost about 13% of the job's
        // instructions at 1M leads (perf stat); LZ4 does the same job cheaper. One entry applies to
        // every level, level 0 included: compressing the flushes costs about 0.3 us per event and the
        // task threads saved as much or more, while an uncompressed level 0 made each checkpoint
        // 15-25% larger (by however much of the last interval's writes it held). See performance.md.
        conf.put("state.backend.rocksdb.compression.per.level", "LZ4_COMPRESSION");
        return conf;
    }

    /** Pause between checkpoints: half the interval, at most 5 s, so a slow checkpoint leaves room for work. */
    public static String minPause(Duration checkpointInterval) {
        return Math.min(checkpointInterval.toMillis() / 2, 5000) + " ms";
    }

    /** The key groups of an embedded run's state: the most a local run or a bootstrap may use. */
    public static final int MAX_PARALLELISM = 128;

    /** The whole configuration of an embedded run (local mode, the bench): nothing comes from a cluster. */
    public static Configuration forJob(String checkpointDir, Duration checkpointInterval, int parallelism) {
        Map<String, String> conf = tuning();
        conf.putAll(INVARIANTS);
        conf.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        conf.put("execution.checkpointing.min-pause", minPause(checkpointInterval));
        conf.put("execution.checkpointing.dir", checkpointDir);
        conf.put("parallelism.default", Integer.toString(parallelism));
        conf.put("pipeline.max-parallelism", Integer.toString(MAX_PARALLELISM));
        return Configuration.fromMap(conf);
    }
}
