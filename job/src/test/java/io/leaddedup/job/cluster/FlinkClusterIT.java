package io.leaddedup.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.job.LocalTestAccess;
import io.leaddedup.job.kafka.BrokerPerClass;
import io.leaddedup.job.kafka.CommittedTopic;
import io.leaddedup.job.kafka.KafkaBroker;
import io.leaddedup.job.kafka.PrometheusScrape;
import io.leaddedup.job.kafka.ReferenceRun;
import io.leaddedup.job.tools.LoadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real Flink cluster: a JobManager and two TaskManagers, each its own JVM,
 * the job uploaded and run over REST against a real Kafka broker. A TaskManager is killed with
 * SIGKILL mid-stream; the job is stopped with a savepoint and resumed at another parallelism; a
 * bad argument is refused. Every time, the committed output equals one undisturbed run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;
    static FlinkCluster cluster;
    static String jarId;
    static ReferenceRun reference;

    @BeforeAll
    static void setUp() throws Exception {
        reference = ReferenceRun.of(work, 13L, 10_000, 30_000);
        broker = KAFKA.get();
        cluster = FlinkCluster.start(2, 1);
        jarId = cluster.uploadJar(Path.of(System.getProperty("job.jar")));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void recoversByItselfWhenATaskManagerIsKilled() throws Exception {
        String prefix = "tm-";
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        String job = submit(prefix, 2, null);
        int before = ReferenceRun.awaitSomeOutput(broker, prefix);

        long killed = System.nanoTime();
        cluster.killTaskManager(0);
        cluster.startTaskManager();
        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        // Recovery: from the kill until committed output flows again.
        CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status", r -> r.size() > before + 100,
                Duration.ofMinutes(3));
        long recoveryMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("TaskManager killed: output flowing again after " + recoveryMillis + " ms");
        try {
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            cluster.cancel(job);
            cluster.awaitJobState(job, "CANCELED", Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(2)
    void resumesFromASavepointTakenOverRestAtAnotherParallelism() throws Exception {
        assertOutputOfOneRunAcross("sp-", (prefix, job) -> {
            String savepoint = cluster.stopWithSavepoint(job, work.resolve("savepoints"));
            return () -> submit(prefix, 1, savepoint);
        });
    }

    @Test
    @Order(3)
    void refusesEveryWrongSubmissionWithAMessageAndTheJobManagerStaysUp() throws Exception {
        String servers = broker.bootstrapServers();
        List<List<String>> wrong = List.of(
                List.of(),                                                   // the web UI's form left empty
                List.of("--help"),
                List.of("kafka", "--help"),
                List.of("flink", "--bootstrap-servers", servers),          // an unknown mode
                List.of("kafka", "--bootstrap-servers", servers, "--speed", "fast"),
                List.of("kafka", "--bootstrap-servers", "no port here"),
                List.of("--bootstrap-servers", servers, "--parallelism", "zero"),
                List.of("--bootstrap-servers", servers, "--metrics-port", "9999"),  // a reporter is the cluster's
                List.of("--bootstrap-servers", servers, "--restore", work.toString()));  // not a savepoint
        List<String> named = List.of("no arguments", "--help", "--help", "unknown mode 'flink'", "--speed",
                "--bootstrap-servers must be HOST:PORT", "--parallelism", "--metrics-port", "not a savepoint");
        for (int i = 0; i < wrong.size(); i++) {
            JsonNode answer = cluster.run(jarId, wrong.get(i), 1, null);
            assertThat(answer.path("jobid").isMissingNode()).as("answer to %s: %s", wrong.get(i), answer).isTrue();
            assertThat(answer.path("errors").toString()).as("answer to %s", wrong.get(i)).contains(named.get(i));
            assertThat(cluster.jobManagerAlive()).as("JobManager after %s", wrong.get(i)).isTrue();
            assertThat(cluster.overview().path("taskmanagers").asInt()).isEqualTo(2);
        }
    }

    @Test
    @Order(4)
    void takesParallelismAndTheCheckpointDirectoryFromTheClusterWhenNoFlagNamesThem() throws Exception {
        String prefix = "conf-";
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf().subList(0, 2_000));
        // no mode word, no --parallelism, no --checkpoint-dir: REST says 1, config.yaml names the directory
        JsonNode answer = cluster.run(jarId, args(prefix), 1, null);
        String job = answer.path("jobid").asText();
        assertThat(job).as("submission answer: %s", answer).isNotBlank();
        try {
            cluster.awaitJobState(job, "RUNNING", Duration.ofSeconds(60));
            for (JsonNode vertex : cluster.job(job).path("vertices")) {
                assertThat(vertex.path("parallelism").asInt()).as(vertex.path("name").asText()).isEqualTo(1);
            }
            String path = awaitCompletedCheckpoint(job);
            assertThat(path).startsWith(cluster.checkpointDir().replaceFirst("/+$", "").replace("file:///", "file:/"));
        } finally {
            cluster.cancel(job);
            cluster.awaitJobState(job, "CANCELED", Duration.ofSeconds(60));
        }
    }

    /**
     * Adoption on a cluster: a bootstrap's savepoint, written on this machine, submitted over REST
     * as {@code savepointPath} with {@code --starting-offsets timestamp:T}. The job leaves out local
     * mode's operators by itself (no allowNonRestoredState in the request) and commits the single
     * run's output less the plan.
     */
    @Test
    @Order(5)
    void startsFromABootstrapSavepointSubmittedOverRest() throws Exception {
        String prefix = "adopt-";
        Path export = work.resolve("export.jsonl");
        Files.write(export, reference.firstHalf().stream().map(LoadGenerator.Event::json).toList());
        Path plan = work.resolve("plan");
        String savepoint = LocalTestAccess.bootstrap(export, reference.settings, work.resolve("bootstrap"), plan);

        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        Thread.sleep(50);
        Instant exportTakenAt = Instant.now();
        Thread.sleep(50);
        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        List<String> args = args(prefix);
        args.addAll(List.of("--settings", reference.settings.toString(), "--starting-offsets",
                "timestamp:" + exportTakenAt.toEpochMilli()));
        JsonNode answer = cluster.run(jarId, args, 2, savepoint);
        String job = answer.path("jobid").asText();
        assertThat(job).as("submission answer: %s", answer).isNotBlank();
        try {
            reference.assertCommittedOutputEquals(broker, prefix, plan);
            // the TaskManagers' Prometheus endpoints show the job's domain counters
            long committed = CommittedTopic.readAll(broker.bootstrapServers(), prefix + "lead-actions").stream()
                    .filter(r -> r.value().startsWith("{\"action\":\"RELOCATED\"")).count();
            double scraped = 0;
            for (int port : cluster.metricsPorts()) {
                scraped += PrometheusScrape.sum(PrometheusScrape.scrape(port), PrometheusScrape.LEAD_ACTIONS,
                        "action=\"RELOCATED\",") ;
            }
            long planned = Files.readAllLines(plan.resolve("lead-actions.jsonl")).stream()
                    .filter(line -> line.startsWith("{\"action\":\"RELOCATED\"")).count();
            assertThat(committed).isPositive();
            assertThat(scraped).as("RELOCATED summed over the TaskManagers' /metrics, on from the savepoint's")
                    .isEqualTo((double) (planned + committed));
        } finally {
            cluster.cancel(job);
            cluster.awaitJobState(job, "CANCELED", Duration.ofSeconds(60));
        }
    }

    private static String awaitCompletedCheckpoint(String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode completed = cluster.checkpoints(job).path("latest").path("completed");
            if (completed.hasNonNull("external_path")) {
                return completed.path("external_path").asText();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no completed checkpoint: " + cluster.checkpoints(job));
    }

    /**
     * The first test's deployment submitted again with {@code --restore none}: its group has committed
     * offsets, so the JobManager's log says that the job starts without state, on purpose.
     */
    @Test
    @Order(6)
    void warnsWhenADeploymentThatRanBeforeIsSubmittedToStartOver() throws Exception {
        String job = submit("tm-", 1, null, "--restore", "none");
        try {
            String log = Files.readString(cluster.dir().resolve("jobmanager.log"));
            assertThat(log).contains("WARNING: consumer group 'tm-job' has read tm-")
                    .contains("--restore none starts without state");
        } finally {
            cluster.cancel(job);
            cluster.awaitJobState(job, "CANCELED", Duration.ofSeconds(60));
        }
    }

    /**
     * A job cancelled without a savepoint, submitted again with the same arguments (what an operator
     * does after a cancel, or after a JobManager lost without high availability): it finds its own
     * newest checkpoint in the cluster's shared checkpoint directory (marked at submission with its
     * group, transactional-id prefix and topics; the other tests' jobs are there too) and the
     * committed output equals one uninterrupted run. Submitted with {@code --restore none} instead,
     * the test fails: the second half's leads, decided without the first half's, give other lead
     * actions.
     */
    @Test
    @Order(7)
    void resumesFromItsNewestCheckpointWhenSubmittedAgainWithTheSameArguments() throws Exception {
        assertOutputOfOneRunAcross("again-", (prefix, job) -> {
            awaitCompletedCheckpoint(job);
            cluster.cancel(job);
            cluster.awaitJobState(job, "CANCELED", Duration.ofSeconds(60));
            return () -> submit(prefix, 2, null);
        });
    }

    /**
     * A job stopped with a savepoint in the cluster's savepoint directory (an upgrade's first step),
     * then submitted again without {@code savepointPath} once its consumer group's offsets are gone:
     * Kafka drops them after {@code offsets.retention.minutes} without commits, and a job stopped
     * right after its first checkpoint may never have committed any. A stop ends the job as finished
     * and Flink discards its checkpoints, so the successor must find the savepoint, by the job id in
     * its name, and know it for an earlier run on these topics by their topic ids; else it starts
     * without state, from the earliest offsets, and writes the first half's output again.
     */
    @Test
    @Order(8)
    void resumesFromTheSavepointOfAStopWhenSubmittedAgainWithoutItAfterItsOffsetsExpired() throws Exception {
        assertOutputOfOneRunAcross("stop-", (prefix, job) -> {
            String savepoint = cluster.stopWithSavepoint(job);
            assertThat(savepoint).contains("cluster-savepoints");
            broker.deleteConsumerGroup(prefix + "job");
            return () -> submit(prefix, 2, null);
        });
    }

    /**
     * The README's command-line path, where the job's {@code main} runs in the client JVM of
     * {@code bin/flink} with the cluster's config.yaml, not in the JobManager: {@code flink run -d -p 2},
     * {@code flink stop --savepointPath}, {@code flink run -d -p 1 -s SAVEPOINT}. The committed output
     * equals one uninterrupted run; a submission without arguments exits non-zero naming the problem.
     */
    @Test
    @Order(9)
    void runsStopsAndResumesThroughFlinksCommandLine() throws Exception {
        FlinkCluster.CommandLine empty = cluster.flink(List.of("run", "-d", "-c", "io.leaddedup.job.LeadDedupMain",
                System.getProperty("job.jar")));
        assertThat(empty.exitCode()).as(empty.output()).isNotZero();
        assertThat(empty.output()).contains("no arguments");

        String prefix = "cli-";
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        String job = runFromTheCommandLine(prefix, 2, null);
        ReferenceRun.awaitSomeOutput(broker, prefix);
        String stop = cluster.flink(List.of("stop", "--savepointPath", work.resolve("cli-savepoints").toUri().toString(),
                job)).succeeded();
        Matcher savepoint = Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(stop);
        assertThat(savepoint.find()).as("flink stop printed: %s", stop).isTrue();

        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        String resumed = runFromTheCommandLine(prefix, 1, savepoint.group(1));
        try {
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            cluster.cancel(resumed);
            cluster.awaitJobState(resumed, "CANCELED", Duration.ofSeconds(60));
        }
    }

    private static String runFromTheCommandLine(String prefix, int parallelism, String savepoint) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "-d", "-p", String.valueOf(parallelism)));
        if (savepoint != null) {
            command.addAll(List.of("-s", savepoint));
        }
        command.addAll(List.of("-c", "io.leaddedup.job.LeadDedupMain", System.getProperty("job.jar")));
        command.addAll(args(prefix));
        command.addAll(List.of("--settings", reference.settings.toString()));
        String output = cluster.flink(command).succeeded();
        Matcher submitted = Pattern.compile("JobID ([0-9a-f]{32})").matcher(output);
        assertThat(submitted.find()).as("flink run printed: %s", output).isTrue();
        return awaitRunningAt(submitted.group(1), parallelism);
    }

    /** Stops the first job of a deployment and says how its successor is submitted. */
    private interface Interruption {
        Resubmission stop(String prefix, String job) throws Exception;
    }

    private interface Resubmission {
        String submit() throws Exception;
    }

    /**
     * The first half through a job at parallelism 2, {@code interruption} stopping it once output
     * flows, the second half through its successor: the committed output equals one uninterrupted run.
     */
    private static void assertOutputOfOneRunAcross(String prefix, Interruption interruption) throws Exception {
        ReferenceRun.createTopics(broker, prefix);
        ReferenceRun.produce(broker, prefix, reference.firstHalf());
        String job = submit(prefix, 2, null);
        ReferenceRun.awaitSomeOutput(broker, prefix);
        Resubmission successor = interruption.stop(prefix, job);

        ReferenceRun.produce(broker, prefix, reference.secondHalf());
        String resumed = successor.submit();
        try {
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            cluster.cancel(resumed);
            cluster.awaitJobState(resumed, "CANCELED", Duration.ofSeconds(60));
        }
    }

    /**
     * Submits as the README shows: Kafka mode's flags without the mode word, parallelism over REST,
     * checkpoints in the directory of the cluster's config.yaml.
     */
    private static String submit(String prefix, int parallelism, String savepoint, String... extra) throws Exception {
        List<String> args = args(prefix);
        args.addAll(List.of("--settings", reference.settings.toString()));
        args.addAll(List.of(extra));
        JsonNode answer = cluster.run(jarId, args, parallelism, savepoint);
        String job = answer.path("jobid").asText();
        assertThat(job).as("submission answer: %s", answer).isNotBlank();
        return awaitRunningAt(job, parallelism);
    }

    private static String awaitRunningAt(String job, int parallelism) throws Exception {
        cluster.awaitJobState(job, "RUNNING", Duration.ofSeconds(60));
        for (JsonNode vertex : cluster.job(job).path("vertices")) {
            assertThat(vertex.path("parallelism").asInt()).as("parallelism of %s", vertex.path("name").asText())
                    .isEqualTo(parallelism);
        }
        return job;
    }

    /** Kafka mode's flags without the mode word, parallelism and checkpoint directory: the cluster decides those. */
    private static List<String> args(String prefix) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", broker.bootstrapServers(),
                "--group-id", prefix + "job",
                "--transactional-id-prefix", prefix + "job",
                "--checkpoint-interval", "1s",
                "--transaction-timeout", "5m",
                "--starting-offsets", "earliest"));
        args.addAll(ReferenceRun.topicFlags(prefix));
        return args;
    }
}
