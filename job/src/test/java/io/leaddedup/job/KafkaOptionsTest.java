package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kafka mode's knobs: defaults, flags, and a start that fails naming the knob that is wrong. */
class KafkaOptionsTest {

    private static KafkaRun.Options parse(String... flags) {
        String[] args = new String[flags.length + 3];
        args[0] = "kafka";
        args[1] = "--bootstrap-servers";
        args[2] = "localhost:9092";
        System.arraycopy(flags, 0, args, 3, flags.length);
        return KafkaRun.parse(args);
    }

    @Test
    void everyKnobHasADefault() {
        KafkaRun.Options options = parse();
        assertThat(options.groupId()).isEqualTo("lead-dedup");
        assertThat(options.topics().inputs()).containsExactly("leads", "phone-dispositions", "conversions",
                "routing-requests", "dedup-settings");
        assertThat(options.topics().outputs()).containsExactly("lead-actions", "lead-status",
                "campaign-phone-counts", "routing-decisions", "rejects");
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.parallelism()).isEqualTo(2);
        assertThat(options.maxParallelism()).isEqualTo(128);
        assertThat(options.transactionalIdPrefix()).isEqualTo("lead-dedup");
        assertThat(options.restorePath()).isNull();
    }

    @Test
    void flagsSetTheKnobsAndTheFlinkConfiguration() {
        KafkaRun.Options options = parse("--checkpoint-interval", "2s", "--checkpoint-dir", "/data/cp",
                "--parallelism", "4", "--max-parallelism", "256", "--restore", "file:///data/sp/savepoint-1",
                "--topic-leads", "crm.leads", "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property", "sasl.mechanism=PLAIN", "--state-ttl", "30d");
        assertThat(options.topics().leads()).isEqualTo("crm.leads");
        assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(options.checkpointDir()).isEqualTo("file:///data/cp");
        assertThat(options.retention().leads().millis()).isEqualTo(Duration.ofDays(30).toMillis());
        Configuration conf = KafkaRun.configuration(options);
        assertThat(conf.toMap()).containsEntry("execution.checkpointing.interval", "2000 ms")
                .containsEntry("parallelism.default", "4")
                .containsEntry("pipeline.max-parallelism", "256")
                .containsEntry("execution.state-recovery.path", "file:///data/sp/savepoint-1")
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                .containsEntry("pipeline.generic-types", "false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--checkpoint-interval | soon  | --checkpoint-interval",
        "--parallelism         | 0     | --parallelism",
        "--max-parallelism     | 1     | --max-parallelism",
        "--transaction-timeout | 5s    | --transaction-timeout",
        "--kafka-property      | nokey | --kafka-property",
        "--starting-offsets    | never | --starting-offsets",
        "--topic-lead-status   | leads | topic",
        "--speed               | fast  | --speed",
    })
    void aWrongKnobFailsTheStartNamingIt(String flag, String value, String named) {
        assertThatThrownBy(() -> parse(flag, value)).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining(named);
    }

    @Test
    void bootstrapServersAreRequiredAndChecked() {
        assertThatThrownBy(() -> KafkaRun.parse(new String[] {"kafka"})).hasMessageContaining("--bootstrap-servers");
        assertThatThrownBy(() -> KafkaRun.parse(new String[] {"kafka", "--bootstrap-servers", "kafka"}))
                .hasMessageContaining("HOST:PORT");
    }
}
