package io.leaddedup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench end to end on a few thousand leads: every contender runs (the SQL peer needs its own
 * planner classpath, which a dependency change can break silently), and the JSON summary carries
 * the fields the README and the issue promise. Figures are not judged here; the bench is for that.
 */
class BenchSmokeTest {

    @Test
    void runsEveryContenderAndWritesTheSummary(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        // -D reaches every contender: RocksDB's own logs, where the options say, show which ran with it
        Path rocksdbLogs = Files.createDirectory(dir.resolve("rocksdb-logs"));
        ObjectNode summary = Bench.run(new String[] {"bench", "--leads", "3000", "--rounds", "1",
                "--warmup-leads", "0", "--normalizer-inputs", "20000", "--scale-leads", "6000",
                "--routing-warmup", "1", "--routing-seconds", "3", "--json", json.toString(),
                "-D", "state.backend.rocksdb.log.level=INFO_LEVEL", "-D", "state.backend.rocksdb.log.dir=" + rocksdbLogs});

        // as text: the file's numbers read back as ints where the summary holds longs
        assertThat(new ObjectMapper().readTree(Files.readString(json)).toString()).isEqualTo(summary.toString());
        assertThat(summary.get("events").asLong()).isGreaterThan(3000);
        for (String field : new String[] {"fullJobEventsPerSec", "sqlSameWorkEventsPerSec", "ratioVsSqlSameWork",
                "sqlDedupEventsPerSec",
                "dataStreamDedupEventsPerSec", "ratioVsSqlDedup", "normalizerSpeedup", "stateBytesPerLead"}) {
            assertThat(summary.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(summary.get("normalizerDisagreements").asLong()).isZero();
        assertThat(summary.get("flinkConfiguration").get("state.backend.rocksdb.log.level").asText())
                .isEqualTo("INFO_LEVEL");
        try (java.util.stream.Stream<Path> logs = Files.list(rocksdbLogs)) {
            // RocksDB names each log after its database's path, which holds the Flink job's id
            assertThat(logs.map(log -> log.getFileName().toString().replaceAll(".*_job_([0-9a-f]+)_.*", "$1"))
                    .distinct().count())
                    .as("jobs run with the option: the full job, its scale run, the three peers, the routing run")
                    .isEqualTo(6);
        }
        assertThat(summary.get("scaleLeads").asInt()).isEqualTo(6000);
        assertThat(summary.get("scaleEvents").asLong()).isGreaterThan(6000);
        for (String field : new String[] {"fullJobAtScaleEventsPerSec", "ratioAtScale", "stateBytesPerLeadAtScale",
                "routingP50Ms", "routingP99Ms", "routingMaxMs", "routingWholeRunP99Ms", "routingLeadsSent"}) {
            assertThat(summary.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(summary.get("routingP99Ms").asDouble()).isGreaterThanOrEqualTo(summary.get("routingP50Ms").asDouble());
        // 4 s of requests at 2,000/s, every one answered through the real broker
        assertThat(summary.get("routingRequested").asInt()).isEqualTo(8000);
        assertThat(summary.get("routingAnswered").asInt()).isEqualTo(8000);
        assertThat(summary.get("routingWorstBySecondMs").size()).as("seconds of requests").isGreaterThanOrEqualTo(4);
        // offsets are committed at checkpoints (every 5 s), so 3 s measured may see none move; -1 would
        // say the job's consumer group could not be read
        assertThat(summary.get("routingLeadsReadPerSecMeasured").asLong()).isNotNegative();
        assertThat(summary.get("fullJobRunsEventsPerSec")).hasSize(1);
        for (String contender : new String[] {"fullJob", "sqlSameWork", "sqlDedup", "dataStreamDedup",
            "fullJobAtScale"}) {
            JsonNode tasks = summary.get("busyTimePercent").get(contender);
            assertThat(tasks.size()).as("tasks of %s", contender).isPositive();
            tasks.forEach(share -> assertThat(share.asDouble()).as(contender).isBetween(0.0, 100.0));
        }
        // this machine is Linux: the CPU of every kind of thread, RocksDB's native ones included (runs
        // this short end within a sample or two, so only the shape is checked; ThreadCpuTest counts)
        for (String contender : new String[] {"fullJob", "fullJobAtScale"}) {
            JsonNode kinds = summary.get("cpuMicrosPerEvent").get(contender);
            for (String kind : new String[] {"readDecodeNormalize", "phoneLeads", "leadStatus", "rocksdbCompaction",
                "rocksdbFlush", "jit", "gc", "other"}) {
                assertThat(kinds.has(kind)).as("%s %s", contender, kind).isTrue();
            }
            assertThat(kinds.get("total").asDouble()).as(contender).isPositive();
            double sum = 0;
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = kinds.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = it.next();
                assertThat(kind.getValue().asDouble()).as(kind.getKey()).isNotNegative();
                sum += kind.getKey().equals("total") ? 0 : kind.getValue().asDouble();
            }
            assertThat(kinds.get("total").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @Test
    void measuresTheMetricsCostInPairsWithoutThePeers() throws Exception {
        ObjectNode summary = Bench.run(new String[] {"bench", "--leads", "2000", "--rounds", "2", "--metrics-cost",
                "--no-peers", "--warmup-leads", "0", "--normalizer-inputs", "1000", "--scale-leads", "0",
                "--no-routing-latency"});

        assertThat(summary.get("fullJobWithoutMetricsEventsPerSec").asDouble()).isPositive();
        assertThat(summary.get("metricsThroughputCostPercentRuns")).hasSize(2);
        assertThat(summary.get("metricsCpuCostPercentRuns")).hasSize(2);
        assertThat(summary.has("metricsCpuCostPercent")).isTrue();
        assertThat(summary.get("metricsWorkNanosPerEvent").asDouble()).isPositive();
        assertThat(summary.get("fullJobCpuNanosPerEvent").asDouble()).isPositive();
        assertThat(summary.get("metricsCostPercentBound").asDouble()).isNotNegative().isLessThan(100);
        assertThat(summary.has("sqlDedupEventsPerSec")).as("no peers were run").isFalse();
        assertThat(summary.has("fullJobAtScaleEventsPerSec")).as("no scale run").isFalse();
        assertThat(summary.has("routingP99Ms")).as("no routing run").isFalse();
    }

    @Test
    void anUnknownOrBadFlagIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> Bench.run(new String[] {"bench", "--leads", "10", "--speed", "fast"}))
                .hasMessageContaining("--speed");
        assertThatThrownBy(() -> Bench.run(new String[] {"bench", "--rounds", "many"}))
                .hasMessageContaining("--rounds");
        assertThatThrownBy(() -> Bench.run(new String[] {"bench", "--managed-memory", "lots"}))
                .hasMessageContaining("--managed-memory");
        assertThatThrownBy(() -> Bench.run(new String[] {"bench", "--routing-leads", "fast"}))
                .hasMessageContaining("--routing-leads");
    }
}
