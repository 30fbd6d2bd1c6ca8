package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.job.LocalTestAccess;
import io.leaddedup.job.tools.LoadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations that interrupt the job: stop with a savepoint and resume at another parallelism (and
 * without the lead cap the first run had), a stop without one and a start with the same flags, and
 * the broker going away mid-run. Either way the committed output equals one uninterrupted run.
 */
class RecoveryTest {

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;
    static ReferenceRun reference;

    @BeforeAll
    static void setUp() throws Exception {
        reference = ReferenceRun.of(work, 11L, 10_000, 30_000);
        broker = KAFKA.get();
    }


    /**
     * The first run reads its leads under a cap ({@code --max-lead-rate}), the second without one:
     * the cap wraps the Kafka source without changing its state, so the savepoint restores.
     */
    @Test
    void resumesFromASavepointAtAnotherParallelismAndWithoutTheLeadCap() throws Exception {
        String prefix = "savepoint-";
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        JobClient first = KafkaJobRunner.start(args(prefix, "2", "--max-lead-rate", "20000"), UnaryOperator.identity());
        ReferenceRun.awaitSomeOutput(broker, prefix);
        String savepoint = first.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);

        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        JobClient second = KafkaJobRunner.start(args(prefix, "1", "--restore", savepoint), UnaryOperator.identity());
        try {
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            second.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The same deployment started again with the same flags after a stop without a savepoint (Ctrl-C
     * on this machine, a cancel): it resumes from its newest checkpoint. Started with empty state at
     * the group's offsets instead, or re-reading from the earliest offsets the flags name, it would
     * report the first half's leads again and keep duplicates of them as golden records.
     */
    @Test
    void resumesFromItsNewestCheckpointWhenStartedAgainWithTheSameFlags() throws Exception {
        String prefix = "again-";
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        List<String> args = args(prefix, "2");
        JobClient first = KafkaJobRunner.start(args, UnaryOperator.identity());
        ReferenceRun.awaitSomeOutput(broker, prefix);
        awaitCommittedOffsets(prefix + "job", prefix + "leads");
        first.cancel().get(30, TimeUnit.SECONDS);

        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        JobClient second = KafkaJobRunner.start(args, UnaryOperator.identity());
        try {
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            second.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Flink commits the group's offsets after a checkpoint completes, a moment after its output. */
    private static void awaitCommittedOffsets(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().keySet().stream()
                    .noneMatch(partition -> partition.topic().equals(topic))) {
                assertThat(System.nanoTime()).as("offsets of " + group + " on " + topic).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void recoversWhenTheBrokerGoesAwayMidRun() throws Exception {
        String prefix = "broker-";
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        JobClient job = KafkaJobRunner.start(args(prefix, "2"), UnaryOperator.identity());
        try {
            ReferenceRun.awaitSomeOutput(broker, prefix);
            broker.restart();
            ReferenceRun.produce(broker, prefix, reference.secondHalf());
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Adoption: bootstrap from an export of the first half, then Kafka mode from its savepoint with
     * {@code --starting-offsets timestamp:T}, where the topic also holds the exported history
     * before T. Committed output is the single run's, less what the plan already holds.
     */
    @Test
    void startsFromABootstrapAtTheFirstRecordAfterTheExport() throws Exception {
        String prefix = "bootstrap-";
        Path export = work.resolve("export.jsonl");
        Files.write(export, reference.firstHalf().stream().map(LoadGenerator.Event::json).toList());
        Path plan = work.resolve("plan");
        String savepoint = LocalTestAccess.bootstrap(export, reference.settings, work.resolve("bootstrap-savepoints"),
                plan);

        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf()); // the history the export was taken from
        Thread.sleep(50);
        Instant exportTakenAt = Instant.now();
        Thread.sleep(50);
        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        int metricsPort = freePort();
        JobClient job = KafkaJobRunner.start(args(prefix, "3", "--restore", savepoint, "--starting-offsets",
                "timestamp:" + exportTakenAt, "--metrics-port", Integer.toString(metricsPort)),
                UnaryOperator.identity());
        try {
            reference.assertCommittedOutputEquals(broker, prefix, plan);
            // the relocation counter, summed over subtasks, scraped as Prometheus would while the job runs:
            // it goes on from the savepoint's count, the plan's relocations
            long committed = CommittedTopic.readAll(broker.bootstrapServers(), prefix + "lead-actions").stream()
                    .filter(r -> r.value().startsWith("{\"action\":\"RELOCATED\"")).count();
            long planned = ReferenceRun.lines(plan.resolve("lead-actions.jsonl")).stream()
                    .filter(line -> line.startsWith("{\"action\":\"RELOCATED\"")).count();
            assertThat(committed).isPositive();
            assertThat(planned).isPositive();
            assertThat(PrometheusScrape.sum(PrometheusScrape.scrape(metricsPort), PrometheusScrape.LEAD_ACTIONS,
                    "action=\"RELOCATED\"")).isEqualTo((double) (planned + committed));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }

        // The very same command again (a restart, a unit file that names the bootstrap's savepoint): the
        // deployment ran from that savepoint since, so it goes on from its own newest checkpoint instead
        // of reading and writing again everything after the export. Its checkpoints prove it has read
        // on; the committed output is still one run's.
        JobClient again = KafkaJobRunner.start(args(prefix, "3", "--restore", savepoint, "--starting-offsets",
                "timestamp:" + exportTakenAt), UnaryOperator.identity());
        try {
            Path own = work.resolve(prefix + "job").resolve("checkpoints").resolve(again.getJobID().toHexString());
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
            long first = -1;
            long latest = -1;
            while ((first < 0 || latest < first + 4) && System.nanoTime() < deadline) {
                latest = latestCheckpoint(own); // numbered on from the checkpoint it restored
                first = first < 0 ? latest : first;
                Thread.sleep(200);
            }
            assertThat(latest).as("five checkpoints of the restarted job").isGreaterThanOrEqualTo(first + 4);
            reference.assertCommittedOutputEquals(broker, prefix, plan);
        } finally {
            again.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static long latestCheckpoint(Path jobDir) throws java.io.IOException {
        if (!Files.isDirectory(jobDir)) {
            return -1;
        }
        try (var chks = Files.list(jobDir)) {
            return chks.map(chk -> chk.getFileName().toString()).filter(name -> name.startsWith("chk-"))
                    .mapToLong(name -> Long.parseLong(name.substring(4))).max().orElse(-1);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> args(String prefix, String parallelism, String... extra) throws Exception {
        List<String> args = KafkaJobRunner.args(broker.bootstrapServers(), work.resolve(prefix + "job"),
                prefix + "job", reference.settings, extra);
        args.addAll(List.of("--parallelism", parallelism));
        args.addAll(ReferenceRun.topicFlags(prefix));
        return args;
    }
}
