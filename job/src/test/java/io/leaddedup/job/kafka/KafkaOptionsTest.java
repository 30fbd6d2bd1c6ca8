package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaddedup.job.cli.UsageException;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kafka mode's knobs: defaults, flags in any order, a submission that fails naming what is wrong,
 * and the Flink configuration laid over a cluster's so that what no flag sets comes from the cluster.
 */
class KafkaOptionsTest {

    private static KafkaRun.Options parse(String... flags) {
        String[] args = new String[flags.length + 3];
        args[0] = "kafka";
        args[1] = "--bootstrap-servers";
        args[2] = "localhost:9092";
        System.arraycopy(flags, 0, args, 3, flags.length);
        return KafkaRun.parse(args);
    }

    private static Configuration cluster(String... keyValues) {
        Configuration conf = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            conf.setString(keyValues[i], keyValues[i + 1]);
        }
        return conf;
    }

    @Test
    void everyKnobHasADefaultAndLeavesTheRestToTheCluster() {
        KafkaRun.Options options = parse();
        assertThat(options.groupId()).isEqualTo("lead-dedup");
        assertThat(options.topics().inputs()).containsExactly("leads", "phone-dispositions", "conversions",
                "routing-requests", "dedup-settings");
        assertThat(options.topics().outputs()).containsExactly("lead-actions", "lead-status",
                "campaign-phone-counts", "routing-decisions", "rejects");
        assertThat(options.inputs()).hasSize(5);
        assertThat(options.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.transactionalIdPrefix()).isEqualTo("lead-dedup");
        assertThat(options.restorePath()).isNull();
        assertThat(options.parallelism()).as("from the cluster").isNull();
        assertThat(options.checkpointDir()).as("from the cluster").isNull();
        assertThat(options.checkpointInterval()).as("from the cluster").isNull();
        assertThat(options.maxLeadRate()).as("leads read as fast as they come").isNull();
    }

    @Test
    void theLeadCapIsRefusedWhereItWouldHoldBackRoutingRequests() {
        // a deployment of call routing alone reads its topics on one source: a cap there caps the calls
        assertThatThrownBy(() -> KafkaTestAccess.start(new String[] {"kafka", "--bootstrap-servers", "127.0.0.1:1",
            "--without-inputs", "leads,phone-dispositions", "--max-lead-rate", "100"}, s -> s))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--max-lead-rate would hold back routing requests")
                .hasMessageContaining("Nothing was submitted");
    }

    @Test
    void theModeWordIsOptionalAndFlagsGoInAnyOrder() {
        KafkaRun.Options withWord = KafkaRun.parse(new String[] {"kafka", "--group-id", "g", "--bootstrap-servers",
                "b:9092", "--parallelism", "3"});
        KafkaRun.Options without = KafkaRun.parse(new String[] {"--parallelism", "3", "--bootstrap-servers", "b:9092",
                "--group-id", "g"});
        for (KafkaRun.Options options : new KafkaRun.Options[] {withWord, without}) {
            assertThat(options.bootstrapServers()).isEqualTo("b:9092");
            assertThat(options.groupId()).isEqualTo("g");
            assertThat(options.parallelism()).isEqualTo(3);
        }
    }

    @Test
    void flagsSetTheKnobs() {
        KafkaRun.Options options = parse("--checkpoint-interval", "2s", "--checkpoint-dir", "/data/cp",
                "--parallelism", "4", "--max-parallelism", "256", "--restore", "s3://bucket/sp/savepoint-1",
                "--topic-leads", "crm.leads", "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property", "sasl.mechanism=PLAIN", "--state-ttl", "30d",
                "--without-inputs", "conversions,routing-requests", "-Dstate.backend.rocksdb.thread.num=4",
                "--max-lead-rate", "5000");
        assertThat(options.maxLeadRate()).isEqualTo(5000);
        assertThat(options.topics().leads()).isEqualTo("crm.leads");
        assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(options.checkpointDir()).isEqualTo("file:///data/cp");
        assertThat(options.retention().leads().cutoff(0)).as("kept for 30 days").isEqualTo(-Duration.ofDays(30).toMillis());
        assertThat(options.inputs()).containsOnlyKeys("leads", "phone-dispositions", "settings")
                .containsEntry("leads", "crm.leads");
        assertThat(options.flinkConfig()).containsEntry("state.backend.rocksdb.thread.num", "4");
        assertThat(options.restorePath()).as("another file system's savepoint is Flink's to find")
                .isEqualTo("s3://bucket/sp/savepoint-1");
    }

    @Test
    void aStateTtlOfZeroKeepsLeadsForever() {
        // as --help and the README say: "0 = forever", with no unit
        assertThat(parse("--state-ttl", "0").retention().leads().isForever()).isTrue();
        assertThat(parse("--state-ttl", "0d").retention().leads().isForever()).isTrue();
    }

    @Test
    void aLocalSavepointIsCheckedBeforeTheStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path savepoint = java.nio.file.Files.createDirectories(dir.resolve("savepoint-1"));
        assertThatThrownBy(() -> parse("--restore", savepoint.toString()))
                .hasMessageContaining("not a savepoint").hasMessageContaining("Nothing was submitted");
        java.nio.file.Files.write(savepoint.resolve("_metadata"), new byte[] {1});
        assertThat(parse("--restore", savepoint.toString()).restorePath()).isEqualTo(savepoint.toUri().toString());
        assertThat(parse("--restore", savepoint.resolve("_metadata").toString()).restorePath())
                .isEqualTo(savepoint.toUri().toString());
    }

    @Test
    void restoreNoneAndLatestAskForNoStateAndTheNewestCheckpoint() {
        KafkaRun.Options none = parse("--restore", "none");
        assertThat(none.restorePath()).isNull();
        assertThat(none.resume()).isEqualTo(ResumePoint.Mode.NONE);
        KafkaRun.Options latest = parse("--restore", "latest");
        assertThat(latest.restorePath()).as("found at the start, in the checkpoint directory").isNull();
        assertThat(latest.resume()).isEqualTo(ResumePoint.Mode.LATEST);
        assertThat(parse().resume()).as("without the flag a restart on this machine resumes").isEqualTo(ResumePoint.Mode.AUTO);
    }

    @Test
    void aFlagWinsOverTheClusterAndTheClusterOverTheJobsDefaults() {
        Configuration cluster = cluster("parallelism.default", "4", "execution.checkpointing.dir", "s3://b/cp",
                "execution.checkpointing.interval", "30 s", "pipeline.max-parallelism", "512",
                "restart-strategy.type", "fixed-delay", "state.backend.type", "hashmap");
        JobConfiguration.Resolved fromCluster = JobConfiguration.resolve(parse(), cluster, false);
        assertThat(fromCluster.parallelism()).isEqualTo(4);
        assertThat(fromCluster.checkpointDir()).isEqualTo("s3://b/cp");
        assertThat(fromCluster.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromCluster.maxParallelism()).isEqualTo(512);
        // what the job hands the cluster's environment: nothing that would override the cluster ...
        assertThat(fromCluster.forEnvironment().toMap()).doesNotContainKeys("parallelism.default",
                "execution.checkpointing.dir", "execution.checkpointing.interval", "pipeline.max-parallelism",
                "restart-strategy.type")
                // ... but the settings the product's guarantees rest on
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                .containsEntry("pipeline.generic-types", "false");

        JobConfiguration.Resolved flagged = JobConfiguration.resolve(
                parse("--parallelism", "1", "--checkpoint-dir", "s3://other/cp", "--checkpoint-interval", "2s"),
                cluster, false);
        assertThat(flagged.parallelism()).isEqualTo(1);
        assertThat(flagged.checkpointDir()).isEqualTo("s3://other/cp");
        assertThat(flagged.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aClusterWithoutACheckpointDirectoryRefusesToStart() {
        assertThatThrownBy(() -> JobConfiguration.resolve(parse(), cluster("parallelism.default", "2"), false))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no checkpoint directory")
                .hasMessageContaining("execution.checkpointing.dir")
                .hasMessageContaining("--checkpoint-dir");
        // the deprecated key still names one
        assertThat(JobConfiguration.resolve(parse(), cluster("state.checkpoints.dir", "s3://b/old"), false)
                .checkpointDir()).isEqualTo("s3://b/old");
    }

    @Test
    void embeddedTheJobsDefaultsStandInForACluster() {
        JobConfiguration.Resolved embedded = JobConfiguration.resolve(parse("-Dparallelism.default=3"),
                new Configuration(), true);
        assertThat(embedded.parallelism()).as("-D is the cluster's layer when embedded").isEqualTo(3);
        assertThat(embedded.checkpointDir()).contains("lead-dedup/checkpoints");
        assertThat(embedded.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(embedded.maxParallelism()).isEqualTo(128);
        assertThat(JobConfiguration.resolve(parse(), new Configuration(), true).parallelism()).isEqualTo(2);
        Map<String, String> conf = embedded.forEnvironment().toMap();
        assertThat(conf).containsEntry("state.backend.rocksdb.use-bloom-filter", "true")
                .containsEntry("restart-strategy.type", "exponential-delay");
    }

    @Test
    void theTransactionTimeoutIsCheckedAgainstTheIntervalInForce() {
        assertThatThrownBy(() -> JobConfiguration.resolve(parse("--transaction-timeout", "5m"),
                cluster("execution.checkpointing.dir", "s3://b/cp", "execution.checkpointing.interval", "2 min"), false))
                .hasMessageContaining("--transaction-timeout");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--checkpoint-interval | soon  | --checkpoint-interval",
        "--parallelism         | 0     | --parallelism",
        "--parallelism         | two   | --parallelism",
        "--max-parallelism     | 0     | --max-parallelism",
        "--kafka-property      | nokey | --kafka-property",
        "--starting-offsets    | never | --starting-offsets",
        "--topic-lead-status   | leads | topic",
        "--without-inputs      | calls | --without-inputs",
        "--speed               | fast  | --speed",
        "--max-lead-rate       | 0     | --max-lead-rate",
        "--max-lead-rate       | lots  | --max-lead-rate",
    })
    void aWrongKnobFailsTheSubmissionNamingIt(String flag, String value, String named) {
        assertThatThrownBy(() -> parse(flag, value)).isInstanceOf(UsageException.class)
                .hasMessageContaining(named)
                .hasMessageContaining("Nothing was submitted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                  | no arguments",
        "kafka                               | no arguments",
        "--help                              | --help",
        "kafka --help                        | --help",
        "run --input x --out y               | unknown mode 'run'",
        "flink --bootstrap-servers b:9092    | unknown mode 'flink'",
        "--bootstrap-servers                 | --bootstrap-servers",
        "--group-id g                        | --bootstrap-servers",
        "--bootstrap-servers kafka           | HOST:PORT",
    })
    void everyWrongSubmissionIsRefusedWithAMessageNotAnExit(String args, String named) {
        String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
        assertThatThrownBy(() -> KafkaRun.parse(argv)).isInstanceOf(UsageException.class)
                .hasMessageContaining(named)
                .hasMessageContaining("--bootstrap-servers");
    }
}
